"""Typed events: triggers, directed roles, place, date and status."""
