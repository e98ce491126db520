"""Results: aggregating scorecards, ranking, judge statistics, laureates and publication."""
