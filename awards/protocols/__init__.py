"""The jury's protocol: the meeting's details and the signed, verifiable minutes."""
