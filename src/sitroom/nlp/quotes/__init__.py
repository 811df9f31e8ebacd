"""Direct, indirect and mixed quotes with their speakers and cue verbs."""
