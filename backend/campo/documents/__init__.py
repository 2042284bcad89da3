"""Documents: what the family keeps once its COE is approved, printed as PDF.

``render`` turns a ``DocumentContext`` into a PDF with WeasyPrint from the Jinja templates in
``templates/`` and the fonts shipped in ``fonts/`` (nothing depends on the system's fonts);
``services`` builds that context from the database; ``resources`` serves
``GET /api/v1/coes/<id>/documents/<kind>.pdf``. Two kinds: the family's copy of the certificate
of eligibility, laid out like the national form, and a confirmation letter.
"""
