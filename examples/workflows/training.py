"""Model training pipeline: features, training, evaluation.

Run locally with:  pyflyte run workflows/training.py training_wf --epochs 5
"""
from datetime import timedelta

from flytekit import Cache, Resources, task, workflow
from flytekit.types.file import FlyteFile

FEATURES_VERSION = "2"


@task(cache=Cache(version=FEATURES_VERSION))
def prepare_features(dataset_uri: str, window_days: int = 7) -> int:
    """Builds the feature table and returns the number of feature columns."""
    return 24 + window_days


@task(cache=True, cache_version="1.1", requests=Resources(cpu="2", mem="4Gi"))
def train_model(n_features: int, epochs: int = 5, learning_rate: float = 0.01) -> tuple[float, FlyteFile]:
    """Trains the model; returns its validation accuracy and the weights file."""
    path = "/tmp/model.pt"
    with open(path, "wb") as f:
        f.write(b"\0" * n_features)
    return 0.80 + min(epochs, 10) * 0.01, FlyteFile(path)


@task(cache=Cache(version="1", ignored_inputs=("seed",)))
def evaluate(model: FlyteFile, seed: int = 0) -> tuple[float, str, timedelta]:
    """Scores the model on the holdout set."""
    return 0.87, f"holdout accuracy 0.87 (model {model.path})", timedelta(seconds=12.5)


# Broken on purpose: cache on, but no version and no policy. flytekit raises
# "If version is not defined then at least one cache policy needs to be set".
@task(cache=True)
def tune_hyperparameters(n_features: int) -> float:
    return 0.01


# Silently wrong: a version while caching is off, so nothing is ever cached.
@task(cache_version="1")
def export_onnx(model: FlyteFile) -> FlyteFile:
    return model


@workflow
def training_wf(dataset_uri: str = "s3://flyte-demo/datasets/churn.parquet", epochs: int = 5) -> float:
    n_features = prepare_features(dataset_uri=dataset_uri)
    accuracy, model = train_model(n_features=n_features, epochs=epochs)
    score, _report, _took = evaluate(model=model)
    return score
