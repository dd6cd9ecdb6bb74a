"""Data readers for the Python tools (training the demo model)."""
