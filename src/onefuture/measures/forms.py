"""The officer's upload form: which file, and whether to check it without importing."""

from __future__ import annotations

from pathlib import Path

from django import forms

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")


class UploadForm(forms.Form):
    """Checks the file itself (present, CSV or XLSX, not empty, not too big); rows are checked
    by the import, whose row-and-column errors the status page lists."""

    file = forms.FileField(
        label="Upload a data file",
        help_text="A CSV or Excel (.xlsx) file in the tidy data format, up to 50 MB.",
        error_messages={"required": "Select a CSV or Excel (.xlsx) file to upload"},
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Check the file only, without importing it",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(
                f"The selected file '{upload.name}' must be a CSV or an Excel (.xlsx) file"
            )
        if upload.size == 0:
            raise forms.ValidationError(f"The selected file '{upload.name}' is empty")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The selected file '{upload.name}' must be smaller than 50 MB; "
                "import larger files with the command line: onefuture data import FILE"
            )
        self.cleaned_data["data"] = upload.read()
        return upload
