"""The ``privnet`` command line: thin typer commands over the library."""
