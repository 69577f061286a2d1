"""The output edge: rich views for the terminal, Jinja2 templates and exporters for files."""
