"""Records out of sitroom: the ``sitroom extract`` JSON Lines contract and event exports."""
