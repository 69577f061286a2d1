"""The competency-model format: its types, its loader with precise errors, and the catalog."""
