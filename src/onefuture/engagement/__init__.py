"""Engagement: events, what people said, its redaction, themes, and "you said, we did".

The flow it joins up: an event (or the public "have your say" form) → comments (each with its
source, group, ward and consent) → a person confirms each comment's redaction → themes
(discovered in a background job, curated by an analyst) → a response per theme → the
milestones and measures that deliver it. See ``models`` for the records and ``permissions``
for who may see and do what.
"""
