"""Daily ETL: extract raw events, clean them, publish a report.

Run locally with:  pyflyte run workflows/etl.py etl_wf --day 2024-05-01
"""
from datetime import datetime

import pandas as pd
from flytekit import Cache, task, workflow
from flytekit.core.cache import CachePolicy, VersionParameters


class SchemaVersionPolicy(CachePolicy):
    """Versions the cache by the event schema, so a schema change invalidates it."""

    def get_version(self, salt: str, params: VersionParameters) -> str:
        return f"events-schema-3{salt}"


@task(cache=True, cache_version="v1-2024-05")
def extract(day: str) -> tuple[int, datetime]:
    """Pulls one day of raw events; returns the row count and the extraction time."""
    return 1200, datetime(2024, 5, 1, 6, 0)


@task(cache=Cache(version="3", serialize=True))
def clean(day: str, rows: int) -> pd.DataFrame:
    return pd.DataFrame({"day": [day] * rows})


@task(cache=Cache(policies=SchemaVersionPolicy()))
def enrich(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(source="web")


@task(cache=True, cache_version="1")
def daily_report(df: pd.DataFrame) -> str:
    """A long, human-readable report (large enough that the local cache keeps it in a file)."""
    return "\n".join(f"{row.day}: ok" for row in df.itertuples())


@task(cache=True, cache_version="1.0")
def row_stats(df: pd.DataFrame) -> dict[str, float]:
    return {"rows": float(len(df)), "null_fraction": 0.0}


# Broken on purpose: `cache_policy` is not a flytekit argument; flytekit raises
# "Unrecognized argument(s) for task: dict_keys(['cache_policy'])".
# The right form is cache=Cache(policies=SchemaVersionPolicy()).
@task(cache=True, cache_policy=SchemaVersionPolicy())
def archive(df: pd.DataFrame) -> str:
    return "s3://flyte-demo/archive/"


# Broken on purpose: a typo, `cache_verison`, also raises "Unrecognized argument(s)".
@task(cache=True, cache_verison="1")
def notify(report: str) -> None:
    print(report[:80])


@workflow
def etl_wf(day: str = "2024-05-01") -> str:
    rows, _at = extract(day=day)
    df = enrich(df=clean(day=day, rows=rows))
    row_stats(df=df)
    return daily_report(df=df)
