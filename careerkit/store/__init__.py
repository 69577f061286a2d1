"""The only code that touches the data folder: atomic files, the lock, and the TinyDB stores."""
