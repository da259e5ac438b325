"""The scale-out path: newsfuse's stream pipeline as a Spark job (``pip install newsfuse[spark]``).

``run`` gives the same :class:`~newsfuse.story.Report` as the single-machine pipeline;
``build_session`` makes a SparkSession fit for a laptop; ``newsfuse/spark/submit.py`` is the
``spark-submit`` entry point for a cluster. pyspark is imported only when a session is built.
"""

from newsfuse.spark.job import OUTPUT_FORMATS, SparkResult, run, run_job, write_output
from newsfuse.spark.session import build_session

__all__ = ["OUTPUT_FORMATS", "SparkResult", "build_session", "run", "run_job", "write_output"]
