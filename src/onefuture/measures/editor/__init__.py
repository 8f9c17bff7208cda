"""The staff workspace's measure editor and officer commentary pages (GOV.UK forms, no admin).

``forms`` (the measure's definition, its targets as "value by year" rows, the commentary),
``selectors`` (the editor's reads: benchmark and home area choices by name, commentary
history), ``services`` (the preview: an edit applied, assessed and rolled back), ``views`` and
``urls`` (the pages and the workspace item, registered from ``MeasuresConfig.ready()``).
Every write goes through :mod:`onefuture.measures.services` (``measure_edit``,
``commentary_add``), which checks the rights and the rules (target validation, re-assessment).
"""
