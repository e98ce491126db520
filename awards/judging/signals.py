"""What the domains built on judging have to say about its actions, without judging importing
them: they connect their own receivers, as Indico's modules do."""

from blinker import Namespace

_signals = Namespace()

# Sent before an organizer reopens a scorecard, with the scorecard as sender. Each receiver
# returns a translated warning (decisions already taken on the scores it counted), or None.
reopening_scorecard = _signals.signal("reopening-scorecard")


def reopening_warnings(scorecard) -> list[str]:
    """What the organizer must hear before reopening ``scorecard``."""
    return [warning for _receiver, warning in reopening_scorecard.send(scorecard) if warning]
