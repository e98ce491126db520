"""What happens to a program that the domains built on programs act on, without programs
importing them: they connect their own receivers, as Indico's modules do."""

from blinker import Namespace

_signals = Namespace()

# Sent by copy_program with the source as sender and ``program=`` (the copy, its categories
# already there) and ``actor=``; each receiver copies its own part into the copy.
program_copied = _signals.signal("program-copied")
