"""Named entities: the domain gazetteer, the CoNLL-trained recognizer, and canonical names."""
