"""Settings come from the environment; each case runs in a fresh interpreter."""

import os
import secrets
import subprocess
import sys

import pytest


def settings_in_subprocess(tmp_path, **env):
    code = (
        "import pusselbit.settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DEBUG, s.TIME_ZONE, s.LANGUAGE_CODE, "
        "s.SECRET_KEY[:6])"
    )
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}
    }
    environment.update(PUSSELBIT_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )


def test_settings_default_to_sqlite_and_a_kept_generated_key(tmp_path):
    first = settings_in_subprocess(tmp_path)
    assert first.returncode == 0, first.stderr
    engine, debug, tz, language, key = first.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert (debug, tz, language) == ("False", "Europe/Stockholm", "sv")
    key_file = tmp_path / "secret_key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert settings_in_subprocess(tmp_path).stdout.split()[-1] == key  # kept, not regenerated


def test_settings_select_postgresql_from_database_url(tmp_path):
    result = settings_in_subprocess(
        tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:5432/x", DEBUG="1"
    )
    assert result.stdout.split()[:2] == ["django.db.backends.postgresql", "True"]


def connection_settings(tmp_path, **env):
    code = (
        "import pusselbit.settings as s; d = s.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DATABASE_CONN_MAX_AGE", "SECRET_KEY"}
    }
    environment.update(PUSSELBIT_VAR_DIR=str(tmp_path), **env)
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_postgresql_connections_are_kept_and_checked_sqlite_ones_are_not(tmp_path):
    """A connection per request costs PostgreSQL a few ms on every page (issue 12)."""
    postgres = "postgres://postgres@127.0.0.1:5432/x"
    assert connection_settings(tmp_path, DATABASE_URL=postgres) == ["60", "True"]
    assert connection_settings(tmp_path, DATABASE_URL=postgres, DATABASE_CONN_MAX_AGE="5") == [
        "5",
        "True",
    ]
    assert connection_settings(tmp_path)[0] == "0"


def test_production_requires_secret_key_and_hosts(tmp_path):
    result = settings_in_subprocess(tmp_path, PUSSELBIT_PRODUCTION="1")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    result = settings_in_subprocess(tmp_path, PUSSELBIT_PRODUCTION="1", SECRET_KEY="x" * 50)
    assert "ALLOWED_HOSTS must be set" in result.stderr
    result = settings_in_subprocess(
        tmp_path,
        PUSSELBIT_PRODUCTION="1",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="pusselbit.example.se",
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_console_script_runs_management_commands():
    script = os.path.join(os.path.dirname(sys.executable), "pusselbit")
    result = subprocess.run([script, "help", "load_population"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "--date" in result.stdout


def production_environment(tmp_path, **env):
    # The browser tests' conftest allows async-unsafe ORM calls in this process; a production
    # installation never does (check --deploy says so).
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        PUSSELBIT_VAR_DIR=str(tmp_path),
        PUSSELBIT_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="pusselbit.example.se",
        **env,
    )
    return environment


@pytest.mark.parametrize("proxy", ["", "1"])
def test_production_check_deploy_prints_no_warning(tmp_path, proxy):
    script = os.path.join(os.path.dirname(sys.executable), "pusselbit")
    result = subprocess.run(
        [script, "check", "--deploy", "--fail-level", "WARNING"],
        env=production_environment(tmp_path, PUSSELBIT_BEHIND_PROXY=proxy),
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "System check identified no issues" in output


def test_production_trusts_the_proxy_header_only_when_told(tmp_path):
    code = (
        "import pusselbit.settings as s; "
        "print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )

    def run(**env):
        return subprocess.run(
            [sys.executable, "-c", code],
            env=production_environment(tmp_path, **env),
            capture_output=True,
            text=True,
        ).stdout.strip()

    assert run() == "None True 31536000 True"
    assert (
        run(PUSSELBIT_BEHIND_PROXY="1") == "('HTTP_X_FORWARDED_PROTO', 'https') True 31536000 True"
    )
    assert run(PUSSELBIT_HSTS_INCLUDE_SUBDOMAINS="0") == "None True 31536000 False"


def test_a_secret_may_come_from_a_file(tmp_path):
    key = secrets.token_urlsafe(50)
    (tmp_path / "key").write_text(key + "\n")
    (tmp_path / "db").write_text("postgres://pusselbit:hemligt@db.example.se:5432/pusselbit\n")
    result = settings_in_subprocess(
        tmp_path, SECRET_KEY_FILE=str(tmp_path / "key"), DATABASE_URL_FILE=str(tmp_path / "db")
    )
    assert result.returncode == 0, result.stderr
    engine, *_, start = result.stdout.split()
    assert (engine, start) == ("django.db.backends.postgresql", key[:6])
    assert not (tmp_path / "secret_key").exists()  # not generated: the file's key is used


def test_a_secret_given_twice_or_unreadable_is_refused(tmp_path):
    (tmp_path / "key").write_text("from-the-file")
    both = settings_in_subprocess(
        tmp_path, SECRET_KEY="from-the-environment", SECRET_KEY_FILE=str(tmp_path / "key")
    )
    assert both.returncode != 0
    assert "Both SECRET_KEY and SECRET_KEY_FILE are set" in both.stderr
    missing = settings_in_subprocess(tmp_path, SECRET_KEY_FILE=str(tmp_path / "nowhere"))
    assert missing.returncode != 0
    assert "SECRET_KEY_FILE: cannot read" in missing.stderr
    assert "from-the-file" not in both.stderr + missing.stderr


def test_redis_url_shares_the_cache_and_the_sessions(tmp_path):
    code = "import pusselbit.settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    environment.update(PUSSELBIT_VAR_DIR=str(tmp_path), REDIS_URL="redis://127.0.0.1:6379/3")
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_log_levels_may_be_written_in_lower_case(tmp_path):
    result = settings_in_subprocess(
        tmp_path, LOG_LEVEL="warning", PUSSELBIT_REQUEST_LOG_LEVEL="info"
    )
    assert result.returncode == 0, result.stderr
    code = "import django; django.setup()"
    environment = {**os.environ, "PUSSELBIT_VAR_DIR": str(tmp_path), "LOG_LEVEL": "debug"}
    environment["DJANGO_SETTINGS_MODULE"] = "pusselbit.settings"
    configured = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )
    assert configured.returncode == 0, configured.stderr
