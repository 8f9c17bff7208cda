"""What the public routemap pages show, as plain dataclasses composed from the selectors.

No module here queries a model (``tests/test_layers.py``): reads come from
``routemaps.selectors.plan`` (the plan, current statuses, named leads, roll-ups),
``routemaps.selectors.updates`` (published updates only), ``routemaps.selectors.public`` (the
few reads only these pages need) and ``measures.selectors``. Modules: ``common`` (a milestone as
a row, the timeline built from those rows), ``routemap`` (a big thing's routemap and the
overview across big things), ``milestone``, ``plans`` (delivery plans), ``changes`` ("what
changed since") and ``panels`` (the big thing and ambition panels).
"""
