"""The attachments' storage and size limit come from the environment; each case runs in a
fresh interpreter, as settings are read once."""

import json
import os
import subprocess
import sys


def attachment_settings(tmp_path, **env) -> dict:
    code = (
        "import json, pusselbit.settings as s; "
        "print(json.dumps([s.STORAGES['attachments'], s.ATTACHMENT_MAX_BYTES], default=str))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PUSSELBIT_")}
    environment.update(PUSSELBIT_VAR_DIR=str(tmp_path), **env)
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    storage, limit = json.loads(result.stdout)
    return {"storage": storage, "limit": limit}


def test_by_default_files_are_kept_under_the_var_directory_up_to_20_mb(tmp_path):
    found = attachment_settings(tmp_path)
    assert found["storage"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "attachments")},
    }
    assert found["limit"] == 20 * 1024 * 1024


def test_object_storage_and_a_limit_are_set_by_the_environment(tmp_path):
    options = {"bucket_name": "pusselbit-bilagor", "default_acl": "private"}
    found = attachment_settings(
        tmp_path,
        PUSSELBIT_ATTACHMENTS_STORAGE="storages.backends.s3.S3Storage",
        PUSSELBIT_ATTACHMENTS_STORAGE_OPTIONS=json.dumps(options),
        PUSSELBIT_ATTACHMENT_MAX_MB="5",
    )
    assert found["storage"] == {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    assert found["limit"] == 5 * 1024 * 1024
