"""A SparkSession fit for a laptop (``local[N]``) or a cluster, and per-worker model loading.

Models (spaCy, MiniLM) are loaded at most once per Python worker process and kept there for
the next tasks (Spark reuses its Python workers), never pickled with the rows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from newsfuse.errors import ConfigError

#: Settings used for every session: no UI (no listening port besides the driver's loopback
#: one), quiet logs. Shuffle sizes are set by :func:`build_session` (``partitions``).
LOCAL_SETTINGS: tuple[tuple[str, str], ...] = (
    ("spark.ui.enabled", "false"),
    ("spark.ui.showConsoleProgress", "false"),
    ("spark.python.worker.reuse", "true"),
    # String keys are hashed to partitions in Python; the hash must agree across workers.
    ("spark.executorEnv.PYTHONHASHSEED", "0"),
    ("spark.sql.execution.arrow.pyspark.enabled", "true"),
)


def _require_pyspark() -> Any:
    try:
        import pyspark
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError(
            "the Spark engine needs pyspark and pyarrow: pip install 'newsfuse[spark]' "
            f"(and Java 17 or later) ({exc})"
        ) from exc
    del pyspark
    return SparkSession


def local_cores(master: str | None) -> int | None:
    """The number of worker threads of a ``local``/``local[N]``/``local[*]`` master, else None."""
    if not master or not master.startswith("local"):
        return None
    inside = master[len("local") :].strip("[]").split(",")[0]
    if inside == "":
        return 1
    if inside == "*":
        return os.cpu_count() or 1
    try:
        return max(1, int(inside))
    except ValueError:
        return None


def build_session(
    master: str | None = "local[2]", app_name: str = "newsfuse", *, partitions: int | None = None
) -> Any:
    """Create (or reuse) a SparkSession.

    Args:
        master: the Spark master (``local[2]``, ``spark://host:7077``, ``yarn``...). None
            leaves it to ``spark-submit``.
        app_name: the application name shown by the cluster manager.
        partitions: shuffle partitions and default parallelism. Default: twice the threads
            of a local master (each task costs a Python round trip, so a laptop run with
            many small partitions spends its time starting tasks: measured on 47 articles on
            a loaded 2-core machine, 8 partitions took 160 s, 4 took 80 s, 2 took 64 s);
            on a cluster the cluster's default parallelism and 64 shuffle partitions.

    Returns:
        The ``pyspark.sql.SparkSession``. Local masters bind the driver to 127.0.0.1 and
        give it 2 GB; Python workers use this interpreter unless ``PYSPARK_PYTHON`` is set.

    Raises:
        ConfigError: pyspark is not installed or no Java runtime was found.
    """
    session_cls = _require_pyspark()
    builder = session_cls.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in LOCAL_SETTINGS:
        builder = builder.config(key, value)
    cores = local_cores(master)
    count = partitions or (2 * cores if cores else None)
    if count is not None and count < 1:
        raise ConfigError(f"partitions must be positive, got {count}")
    builder = builder.config("spark.sql.shuffle.partitions", str(count or 64))
    if count is not None:
        builder = builder.config("spark.default.parallelism", str(count))
    if master is None or master.startswith("local"):
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.memory", os.environ.get("NEWSFUSE_SPARK_DRIVER_MEMORY", "2g"))
        )
        # Loopback only: no lookup of the machine's public address.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        if "PYSPARK_PYTHON" not in os.environ:
            # Local workers must run this interpreter (its environment has newsfuse and the
            # models); pyspark reads the variable when the context starts, not the config.
            os.environ["PYSPARK_PYTHON"] = sys.executable
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # py4j/JVM start-up failures have no common type
        raise ConfigError(
            f"cannot start Spark with master {master!r}: {str(exc).splitlines()[0] if str(exc) else exc} "
            "(is Java 17+ installed and JAVA_HOME set?)"
        ) from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


ModelsFactory = Callable[[], Any]

# One entry per factory, per Python worker process: a cache of loaded models, which never
# changes a result (the same factory always gives the same models).
_WORKER_MODELS: dict[str, Any] = {}


def worker_models(factory: ModelsFactory) -> Any:
    """The models ``factory`` returns, loaded once in this worker process and reused."""
    key = f"{getattr(factory, '__module__', '')}.{getattr(factory, '__qualname__', repr(factory))}"
    if key not in _WORKER_MODELS:
        _WORKER_MODELS[key] = factory()
    return _WORKER_MODELS[key]


def default_models() -> Any:
    """The shipped models (``newsfuse.analyze.load_models``)."""
    from newsfuse.analyze import load_models

    return load_models()
