"""Program archives: a whole program as one versioned JSON document (writing.py), checked
(schema.py) and brought back as a new program on another installation (importing.py)."""
