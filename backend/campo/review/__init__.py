"""The reviewers' and regional staff's work: the supervisor's queue with attention flags, the
read-only review of one COE, a state admin's reopening of a decision, the regional dashboard
(counts, lists, CSV) and the side-by-side comparison of a child with its duplicate candidates."""
