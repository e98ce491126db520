"""The ceremony: its running order, its partners and the program booklet printed from them."""
