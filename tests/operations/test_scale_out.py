"""Pusselbit as it runs on several machines, run on this one: two web processes (`pusselbit
serve`, gunicorn) and two task workers (`pusselbit rqworker`) share one PostgreSQL database,
Redis (cache, sessions and the task queue) and an S3-compatible object store (moto's server,
started here) for the files. Traffic goes to both web processes while one worker is killed in
the middle of a county report's compilation; the other worker finishes it, once.

PostgreSQL only (`.ci/run`'s second leg): the installation gets a database of its own on the
server the tests use, migrated and given the demo data by the product's own commands."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import psycopg
import pytest
import redis
import requests
from moto.server import ThreadedMotoServer

pytestmark = pytest.mark.scale_out

BIN = Path(sys.executable).parent
REDIS = "redis://127.0.0.1:6379/12"
BUCKET = "pusselbit-files"
COORDINATOR = ("dalarna-lanssamordnare", "pusselbit-demo")
REPORTING = "/regioner/dalarna/redovisning/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until(condition, seconds: float, what: str, every: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"waited {seconds:.0f} s for {what}")


class Installation:
    """The processes, the database and the store, and how the test reaches each."""

    def __init__(self, root: Path, server: str):
        self.root = root
        self.database = f"pb_scale_out_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.server = server  # postgres://user@host:port
        self.processes: dict[str, subprocess.Popen] = {}
        self.web: list[str] = []
        self.workers: dict[str, subprocess.Popen] = {}
        self.s3 = None
        self.moto = None

    def sql(self, query: str, *args):
        with psycopg.connect(f"{self.server}/{self.database}", autocommit=True) as connection:
            return connection.execute(query, args).fetchall()

    def environment(self, store_url: str) -> dict:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        options = {
            "bucket_name": BUCKET,
            "endpoint_url": store_url,
            "access_key": "testing",
            "secret_key": "testing",
            "region_name": "eu-north-1",
            "addressing_style": "path",
            "default_acl": "private",
        }
        environment.update(
            DATABASE_URL=f"{self.server}/{self.database}",
            REDIS_URL=REDIS,
            TASKS_BACKEND="django_tasks_rq.RQBackend",
            RQ_MAINTENANCE_SECONDS="2",
            PUSSELBIT_ATTACHMENTS_STORAGE="storages.backends.s3.S3Storage",
            PUSSELBIT_ATTACHMENTS_STORAGE_OPTIONS=json.dumps(options),
            PUSSELBIT_VAR_DIR=str(self.root / "var"),
            SECRET_KEY="scale-out-" + "k" * 50,
            DEBUG="0",
            ALLOWED_HOSTS="127.0.0.1",
            PUSSELBIT_LOG_FORMAT="json",
            LOG_LEVEL="WARNING",
            WEB_CONCURRENCY="1",
        )
        return environment

    def start(self, logs: Path):
        port = _free_port()
        self.moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        self.moto.start()
        store_url = f"http://127.0.0.1:{port}"
        self.s3 = boto3.client(
            "s3",
            endpoint_url=store_url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="eu-north-1",
        )
        self.s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
        redis.Redis.from_url(REDIS).flushdb()
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
        environment = self.environment(store_url)
        for command in (["migrate", "--noinput"], ["demo", "--quiet"]):
            done = subprocess.run(  # noqa: S603 (the product's own command)
                [str(BIN / "pusselbit"), *command],
                env=environment,
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, done.stderr[-3000:]
        for index in (1, 2):
            port = _free_port()
            self._spawn(
                f"web-{index}",
                ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                environment,
                logs,
            )
            self.web.append(f"http://127.0.0.1:{port}")
            name = f"worker-{index}-{uuid.uuid4().hex[:6]}"
            # A short worker TTL: an idle worker wakes every few seconds, and looks for
            # abandoned jobs each time RQ_MAINTENANCE_SECONDS have passed.
            self.workers[name] = self._spawn(
                name,
                ["rqworker", "--with-scheduler", "--name", name, "--worker-ttl", "20", "default"],
                environment,
                logs,
            )
        for origin in self.web:
            _wait_until(lambda origin=origin: _ready(origin), 60, f"{origin} to be ready")

    def _spawn(self, name, command, environment, logs) -> subprocess.Popen:
        log = (logs / f"{name}.log").open("w")
        process = subprocess.Popen(  # noqa: S603 (the product's own command)
            [str(BIN / "pusselbit"), *command],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own process group: a worker is killed with the work horse it forked.
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        if self.moto is not None:
            self.moto.stop()
        redis.Redis.from_url(REDIS).flushdb()
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def _ready(origin: str) -> bool:
    try:
        return requests.get(f"{origin}/health/ready", timeout=10).status_code == 200
    except requests.RequestException:  # not listening yet, or still starting
        return False


@pytest.fixture(scope="module")
def installation(tmp_path_factory):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("PostgreSQL only: run by .ci/run's PostgreSQL leg")
    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):  # .ci/run: the test must run, not quietly skip
            pytest.fail("no Redis on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    parts = urlsplit(url)
    root = tmp_path_factory.mktemp("scale-out")
    logs = root / "logs"
    logs.mkdir()
    installation = Installation(root, f"{parts.scheme}://{parts.netloc}")
    try:
        installation.start(logs)
        yield installation
    finally:
        installation.stop()


class Traffic(threading.Thread):
    """Pages asked of both web processes, over and over, until stopped: signed in and not."""

    PAGES = ("/health/ready", "/", REPORTING, "/insyn/dalarna/satsningar/")

    def __init__(self, installation, cookies):
        super().__init__(daemon=True)
        self.installation, self.cookies = installation, cookies
        self.answers: list[tuple[str, str, int]] = []
        self.failures: list[str] = []
        self.stopped = threading.Event()

    def run(self):
        session = requests.Session()
        session.cookies.update(self.cookies)
        while not self.stopped.is_set():
            for origin in self.installation.web:
                for page in self.PAGES:
                    try:
                        response = session.get(origin + page, timeout=30, allow_redirects=False)
                    except requests.RequestException as error:
                        self.failures.append(f"{origin}{page}: {type(error).__name__}")
                        continue
                    self.answers.append((origin, page, response.status_code))


def _sign_in(origin: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{origin}/konto/logga-in/", timeout=10)
    assert page.status_code == 200, page.status_code
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    username, password = COORDINATOR
    signed_in = session.post(
        f"{origin}/konto/logga-in/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        headers={"Referer": f"{origin}/konto/logga-in/"},
        timeout=10,
        allow_redirects=False,
    )
    assert signed_in.status_code == 302, signed_in.text[-2000:]
    return session


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _started_job(connection):
    from rq import Queue
    from rq.job import Job

    queue = Queue("default", connection=connection)
    for job_id in queue.started_job_registry.get_job_ids():
        job = Job.fetch(job_id, connection=connection)
        if job.func_name.endswith("compile_report_task") and job.worker_name:
            return job
    return None


def test_two_web_processes_and_two_workers_survive_a_worker_killed_mid_compilation(installation):
    first, second = installation.web
    session = _sign_in(first)
    # The session made on the first web process is valid on the second (Redis, and the
    # database behind it).
    overview = session.get(second + REPORTING, timeout=10, allow_redirects=False)
    assert overview.status_code == 200
    requirement = int(re.search(r'sammanstallning/(\d+)/"', overview.text).group(1))

    traffic = Traffic(installation, session.cookies)
    traffic.start()
    token = session.cookies["csrftoken"]
    started = session.post(
        f"{second}{REPORTING}sammanstallning/{requirement}/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": second + REPORTING},
        timeout=10,
        allow_redirects=False,
    )
    assert started.status_code == 302, started.status_code
    compilation = int(re.search(r"korning/(\d+)/", started.headers["Location"]).group(1))

    # The moment the compilation runs (the row says so), its worker is frozen, then killed
    # with its work horse.
    queue_connection = redis.Redis.from_url(REDIS)

    def running():
        [(status,)] = installation.sql(
            "SELECT status FROM reporting_compilation WHERE id = %s", compilation
        )
        return status == "running" and _started_job(queue_connection)

    job = _wait_until(running, 30, "a worker to run the compilation", 0.01)
    victim = installation.workers[job.worker_name]
    # RQ runs each job in a work horse forked into a session of its own (and the worker that
    # holds the scheduler's lock runs the scheduler in another child): the worker is frozen
    # first (so it cannot see its horse go), then its children, then all are killed, as a
    # lost machine loses them all at once.
    doomed = [victim.pid, *_children(victim.pid)]
    for pid in doomed:
        os.kill(pid, signal.SIGSTOP)
    [(status, step)] = installation.sql(
        "SELECT status, step FROM reporting_compilation WHERE id = %s", compilation
    )
    assert status == "running", "the compilation finished before it was interrupted"
    assert len(doomed) >= 2, "the worker runs the job in a work horse"
    for pid in doomed:
        os.kill(pid, signal.SIGKILL)
    victim.wait(timeout=10)
    killed_at = time.monotonic()
    survivor = next(name for name in installation.workers if name != job.worker_name)

    def finished():
        [(status,)] = installation.sql(
            "SELECT status FROM reporting_compilation WHERE id = %s", compilation
        )
        return status if status in ("done", "failed") else None

    assert _wait_until(finished, 240, "the other worker to finish the compilation", 1) == "done"
    took = time.monotonic() - killed_at
    traffic.stopped.set()
    traffic.join(timeout=60)

    # Every request to either web process was answered, none with a server error.
    assert not traffic.failures, traffic.failures[:5]
    assert {origin for origin, _, _ in traffic.answers} == {first, second}
    errors = [answer for answer in traffic.answers if answer[2] >= 500]
    assert not errors, errors[:5]
    assert {status for origin, page, status in traffic.answers if page == REPORTING} == {200}

    # Finished once, by the other worker: one compilation, one job run twice (the killed run
    # and the survivor's), the retry's result the survivor's.
    from rq.job import Job

    finished_job = Job.fetch(job.id, connection=queue_connection)
    assert finished_job.get_status() == "finished"
    assert finished_job.retries_left == 2
    assert [result.worker_name for result in finished_job.results()][:1] == [survivor]
    assert installation.sql(
        "SELECT count(*) FROM reporting_compilation WHERE requirement_id = %s", requirement
    ) == [(1,)]
    assert installation.sql(
        "SELECT count(*) FROM core_auditentry WHERE action = 'reporting.compile'"
    ) == [(1,)]

    # The files are in the object store, once each, and downloaded through either web process.
    listed = installation.s3.list_objects_v2(Bucket=BUCKET, Prefix="reports/")
    stored = sorted(item["Key"] for item in listed.get("Contents", []))
    assert [key.rsplit(".", 1)[-1] for key in stored] == ["docx", "pdf", "xlsx"], stored
    xlsx = next(key for key in stored if key.endswith(".xlsx"))
    in_store = installation.s3.get_object(Bucket=BUCKET, Key=xlsx)["Body"].read()
    address = f"{REPORTING}sammanstallning/korning/{compilation}/sammanstallning.xlsx"
    for origin in (first, second):
        download = session.get(origin + address)
        assert download.status_code == 200
        assert download.content == in_store
    # Both still know the session after all this.
    for origin in (first, second):
        assert session.get(origin + REPORTING, allow_redirects=False).status_code == 200
    print(f"\ncompilation finished {took:.0f} s after its worker was killed")
