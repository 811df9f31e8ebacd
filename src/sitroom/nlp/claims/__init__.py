"""Numeric claims: numbers with bounds, units, what they count, who asserts them and hedges."""
