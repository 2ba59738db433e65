"""Rules about where privnet itself runs."""
