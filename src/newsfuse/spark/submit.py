"""``spark-submit`` entry point: run newsfuse's stream pipeline on a cluster.

    spark-submit --master spark://host:7077 --py-files newsfuse.zip \\
        path/to/newsfuse/spark/submit.py \\
        --input s3a://bucket/news/*.jsonl --input-format jsonl \\
        --output s3a://bucket/newsfuse-out --output-format parquet

Without ``--input-format`` the inputs are files read with newsfuse's readers (they must be
visible at the same path on every executor, e.g. NFS). Exit codes follow the CLI: 0 done,
2 bad arguments or configuration, 3 every input rejected.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

# The same meanings as the ``newsfuse`` command: 0 all good, 1 bad usage or configuration,
# 2 some inputs rejected (the rest processed), 3 internal error.
EXIT_OK, EXIT_CONFIG, EXIT_REJECTED = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on a usage error; here 2 means "inputs rejected", so usage is 1."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_CONFIG)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line of the job."""
    parser = _Parser(
        prog="newsfuse-spark", description="newsfuse stream pipeline on Spark")
    parser.add_argument("--input", action="append", required=True,
                        help="input path or URI (repeatable)")
    parser.add_argument("--input-format", choices=("jsonl", "parquet"), default=None,
                        help="read the inputs with spark.read (shared storage)")
    parser.add_argument("--output", required=True, help="output file (json) or directory")
    parser.add_argument("--output-format", choices=("json", "jsonl", "parquet"),
                        default="jsonl")
    parser.add_argument("--one-story", action="store_true")
    parser.add_argument("--group-by", default=None, metavar="FIELD")
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--master", default=None,
                        help="only when not set by spark-submit (e.g. local[2])")
    parser.add_argument("--no-duplicates", action="store_true",
                        help="skip near-duplicate detection")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the job; print a one-line summary (or error) on stderr and return the exit code."""
    from newsfuse.errors import NewsfuseError
    from newsfuse.spark.job import run_job

    args = parse_args(argv)
    try:
        result = run_job(
            args.input, master=args.master, one_story=args.one_story, group_by=args.group_by,
            words=args.words, output=args.output, output_format=args.output_format,
            input_format=args.input_format, duplicates=not args.no_duplicates,
        )
    except NewsfuseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    report = result.report
    for rejection in report.rejected:
        print(rejection.line(), file=sys.stderr)
    print(f"{len(report.stories)} stories from {len(report.articles)} articles, "
          f"{len(result.duplicates)} near-duplicate groups, {len(report.rejected)} rejected; "
          f"written to {args.output}", file=sys.stderr)
    return EXIT_REJECTED if report.rejected else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
