"""Pure functions turning privnet's data into text, JSON and Markdown."""
