"""Article -> spaCy Doc -> records. spaCy types never leave this package."""
