"""`pusselbit allocate`, run as a script would run it: the installed console script in a fresh
interpreter, and — for the many cases of bad input — its command line in this process, through
the same `ManagementUtility` the script hands its arguments to (a fresh interpreter costs about
a second of CPU each)."""

import os
import subprocess
import sys

import pytest
from django.core.management import ManagementUtility

PUSSELBIT = os.path.join(os.path.dirname(sys.executable), "pusselbit")

VG_CSV = (
    "\ufeffrecipient,weight,name\n"
    "GR,956171,Göteborgsregionen\n"
    "Fyrbodal,273847,Fyrbodals kommunalförbund\n"
    "Skaraborg,268265,Skaraborgs kommunalförbund\n"
    "Sjuhärad,225856,Sjuhärads kommunalförbund\n"
)


@pytest.fixture
def script(tmp_path):
    """`pusselbit allocate … --weights weights.csv` run by the installed console script."""
    var = tmp_path / "var"
    var.mkdir()
    env = {**os.environ, "PUSSELBIT_VAR_DIR": str(var)}

    def run(*args, csv=VG_CSV):
        path = tmp_path / "weights.csv"
        if csv is not None:
            path.write_text(csv, encoding="utf-8")
        return subprocess.run(
            [PUSSELBIT, "allocate", *args, "--weights", str(path)],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )

    return run


@pytest.fixture
def run(tmp_path, capsys):
    """The same command line in this process: its exit status, standard output and error."""

    def run(*args, csv=VG_CSV):
        path = tmp_path / "weights.csv"
        if csv is not None:
            path.write_text(csv, encoding="utf-8")
        capsys.readouterr()
        try:
            ManagementUtility([PUSSELBIT, "allocate", *args, "--weights", str(path)]).execute()
            returncode = 0
        except SystemExit as exit:
            returncode = exit.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, returncode, out, err)

    return run


def lines(completed):
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    return completed.stdout.splitlines()


def test_allocate_vg_total_in_kronor(script):
    assert lines(script("--total", "1000000")) == [
        "recipient,weight,amount",
        "GR,956171,554579",
        "Fyrbodal,273847,158831",
        "Skaraborg,268265,155594",
        "Sjuhärad,225856,130996",
        "total,1724139,1000000",
    ]


def test_allocate_vg_total_in_ore(run):
    assert lines(run("--total", "1000000", "--unit", "ore")) == [
        "recipient,weight,amount",
        "GR,956171,554578.84",
        "Fyrbodal,273847,158831.16",
        "Skaraborg,268265,155593.60",
        "Sjuhärad,225856,130996.40",
        "total,1724139,1000000.00",
    ]


def test_allocate_vg_rate_per_inhabitant(run):
    assert lines(run("--rate", "0.580")) == [
        "recipient,weight,amount",
        "GR,956171,554579",
        "Fyrbodal,273847,158831",
        "Skaraborg,268265,155594",
        "Sjuhärad,225856,130997",
        "total,1724139,1000001",
    ]


def test_allocate_vg_top_slice_is_a_row_and_in_the_total(run):
    assert lines(run("--total", "1000000", "--top-slice", "100000")) == [
        "recipient,weight,amount",
        "GR,956171,499121",
        "Fyrbodal,273847,142948",
        "Skaraborg,268265,140034",
        "Sjuhärad,225856,117897",
        "top-slice,,100000",
        "total,1724139,1000000",
    ]


def test_allocate_rate_with_top_slice_in_ore(run):
    assert lines(run("--rate", "0.580", "--top-slice", "100000", "--unit", "ore")) == [
        "recipient,weight,amount",
        "GR,956171,554579.18",
        "Fyrbodal,273847,158831.26",
        "Skaraborg,268265,155593.70",
        "Sjuhärad,225856,130996.48",
        "top-slice,,100000.00",
        "total,1724139,1100000.62",
    ]


def test_allocate_repeats_weights_as_written_and_quotes_names(run):
    csv = 'weight;recipient\n1.50;"Väst, norra"\n0.5;Öst\n\n'

    assert lines(run("--total", "100", csv=csv)) == [
        "recipient,weight,amount",
        '"Väst, norra",1.50,75',
        "Öst,0.5,25",
        "total,2.00,100",
    ]


def test_allocate_reads_windows_1252_with_semicolons(run, tmp_path):
    # As Excel set to Swedish saves "CSV": Windows-1252 (ä as one byte), semicolons, and the
    # Swedish column names the allocation page takes too.
    (tmp_path / "weights.csv").write_bytes(
        "mottagare;vikt\nGöteborgsregionen;3\nSjuhärad;1\n".encode("cp1252")
    )
    assert lines(run("--total", "100", csv=None)) == [
        "recipient,weight,amount",
        "Göteborgsregionen,3,75",
        "Sjuhärad,1,25",
        "total,4,100",
    ]


def test_allocate_reads_swedish_decimal_weights_as_the_page_does(run, tmp_path):
    # A weight with a decimal comma and a no-break space between thousands, as Swedish Excel
    # writes it: read by the same rule as the allocation page's (core.spreadsheets.read_number).
    (tmp_path / "weights.csv").write_bytes(
        "mottagare;vikt\nGöteborgsregionen;1\u00a0500,5\nSjuhärad;499,5\n".encode("utf-8")
    )
    assert lines(run("--total", "2000", csv=None)) == [
        "recipient,weight,amount",
        'Göteborgsregionen,"1\u00a0500,5",1501',
        'Sjuhärad,"499,5",499',
        "total,2000.0,2000",
    ]


@pytest.mark.parametrize(
    ("args", "csv", "message"),
    [
        (("--total", "100"), None, "weights.csv: no such file"),
        (("--total", "100"), "", "weights.csv: Row 1: The file is empty."),
        (
            ("--total", "100"),
            "recipient,population\nGR,1\n",
            "Row 1: The header lacks the column(s) weight.",
        ),
        (
            ("--total", "100"),
            "namn,weight\nGR,1\n",
            "Row 1: The header lacks the column(s) recipient.",
        ),
        (("--total", "100"), "recipient,weight\n", "weights.csv: there are no recipients"),
        (
            ("--total", "100"),
            "recipient,weight\nGR,1\nFyrbodal,-5\n",
            "Row 3: the weight '-5' is negative",
        ),
        (
            ("--total", "100"),
            "recipient,weight\nGR,1\n\nFyrbodal,många\n",
            "Row 4: the weight 'många' is not a number",
        ),
        (
            ("--total", "100"),
            "recipient,weight\nGR,1\nFyrbodal,\n",
            "Row 3: the weight '' is not a number",
        ),
        (
            ("--total", "100"),
            "recipient,weight\nGR,1\nGR,2\n",
            "Row 3: the recipient 'GR' appears again (first on row 2)",
        ),
        (
            ("--total", "100"),
            "recipient,weight\nGR,0\nFyrbodal,0.000\n",
            "weights.csv: all weights are zero",
        ),
        (("--total", "hundra"), VG_CSV, "--total 'hundra' is not a number"),
        (("--total", "-100"), VG_CSV, "--total -100 is negative"),
        (("--rate", "0,58"), VG_CSV, "--rate '0,58' is not a number"),
        (("--total", "100", "--top-slice", "tio"), VG_CSV, "--top-slice 'tio' is not a number"),
        (("--total", "1000000.5"), VG_CSV, "--total 1000000.5 is not a whole number of kronor"),
        (
            ("--total", "100.005", "--unit", "ore"),
            VG_CSV,
            "--total 100.005 is not a whole number of öre",
        ),
        (
            ("--total", "100", "--top-slice", "101"),
            VG_CSV,
            "--top-slice 101 is larger than --total 100",
        ),
        (
            ("--total", "100", "--rate", "0.58"),
            VG_CSV,
            "argument --rate: not allowed with argument --total",
        ),
        ((), VG_CSV, "one of the arguments --total --rate is required"),
        (("--total", "100", "--unit", "euro"), VG_CSV, "argument --unit: invalid choice: 'euro'"),
    ],
)
def test_allocate_refuses_bad_input_with_one_line(run, args, csv, message):
    completed = run(*args, csv=csv)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1, completed.stderr
    assert completed.stderr.startswith("pusselbit allocate: error: ")
    assert message in completed.stderr


def test_allocate_without_weights_file_refuses_with_one_line(tmp_path):
    completed = subprocess.run(
        [PUSSELBIT, "allocate", "--total", "100"],
        env={**os.environ, "PUSSELBIT_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == (
        "pusselbit allocate: error: the following arguments are required: --weights\n"
    )


def test_allocate_writes_a_recipient_like_a_formula_as_text(run):
    weights = 'recipient,weight\n"=HYPERLINK(""http://evil.example/"")",1\n@Fyrbodal,+3\n'
    assert lines(run("--total", "100", csv=weights)) == [
        "recipient,weight,amount",
        '"\'=HYPERLINK(""http://evil.example/"")",1,25',
        "'@Fyrbodal,+3,75",
        "total,4,100",
    ]
