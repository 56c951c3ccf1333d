"""Brief: structured, cited briefs of negotiations from news articles."""
