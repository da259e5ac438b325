"""Story analysis: articles -> provenance -> claims -> facts -> summary -> timeline.

Each step is a named :class:`~newsfuse.pipeline.Stage` declaring what it requires and
provides; models are passed in (:class:`Models`). The result depends only on the input
set: articles are sorted by id first, so any input order gives the same story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from newsfuse.article import Article, Rejection
from newsfuse.errors import ConfigError, InputError, StageError
from newsfuse.pipeline import Pipeline, Stage
from newsfuse.reconcile import reconcile_facts, reconcile_quotes, reconcile_responsibility
from newsfuse.story import Report, Story
from newsfuse.summarize import summarize, summary_texts
from newsfuse.timeline import build_timeline

Grouping = Callable[[Sequence[Article]], Sequence[Sequence[Article]]]
# Two titles this similar (rapidfuzz token_set_ratio) back each other as the story's headline.
MIN_TITLE_SUPPORT_RATIO = 60.0


@dataclass(frozen=True)
class Models:
    """The models a story analysis needs, loaded once and passed in.

    Attributes:
        embedder: a :class:`newsfuse.embed.Embedder` (MiniLM, or HashingEmbedder in tests).
        nlp: the spaCy pipeline used by :func:`newsfuse.claims.extract_claims`.
    """

    embedder: Any
    nlp: Any


class _MemoEmbedder:
    """Embeds each distinct text once per story run, so alignment and summary share work.

    Created afresh for every :func:`analyze_story` call and dropped after it: nothing is
    kept between stories, and the embedding of a text is the same whether memoised or not.
    """

    def __init__(self, embedder: Any) -> None:
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self._vectors})
        if missing:
            for text, vector in zip(missing, self._embedder.embed(missing)):
                self._vectors[text] = vector
        if not texts:
            return self._embedder.embed([])
        return np.stack([self._vectors[t] for t in texts])


def load_models() -> Models:
    """Load the shipped models (MiniLM int8 ONNX and the small English spaCy model).

    Raises:
        ModelError: a model is missing or fails its checksum.
    """
    from newsfuse.claims import load_nlp
    from newsfuse.embed import load_default_embedder

    return Models(embedder=load_default_embedder(), nlp=load_nlp())


def _story_date(articles: Sequence[Article]) -> str | None:
    dates = sorted(a.published[:10] for a in articles if a.published)
    return dates[0] if dates else None


def _need(name: str, module: str) -> Any:
    try:
        mod = __import__(module, fromlist=[name])
        return getattr(mod, name)
    except (ImportError, AttributeError) as exc:
        raise StageError(f"stage function {module}.{name} is not available ({exc})") from exc


def _align(v: Mapping[str, Any]) -> dict[str, Any]:
    align_story = _need("align_story", "newsfuse.align")
    return {"alignments": align_story(v["articles"], v["models"].embedder)}


def _relations(v: Mapping[str, Any]) -> dict[str, Any]:
    trace = _need("trace_provenance", "newsfuse.provenance")
    relations = tuple(trace(v["articles"], v["alignments"]))
    return {"relations": tuple(sorted(relations, key=lambda r: (r.source, r.target)))}


def _groups(v: Mapping[str, Any]) -> dict[str, Any]:
    source_groups = _need("source_groups", "newsfuse.provenance")
    groups = source_groups(v["articles"], v["relations"])
    return {"groups": tuple(sorted(tuple(sorted(g)) for g in groups))}


def _claims(v: Mapping[str, Any]) -> dict[str, Any]:
    extract = _need("extract_story_claims", "newsfuse.claims")
    date = _story_date(v["articles"])
    return {"claims": tuple(extract(v["articles"], v["models"].nlp, story_date=date))}


def _facts(v: Mapping[str, Any]) -> dict[str, Any]:
    published = {a.id: a.published for a in v["articles"]}
    return {
        "facts": reconcile_facts(v["claims"], v["groups"], published,
                                 texts={a.id: a.text for a in v["articles"]}),
        "quotes": reconcile_quotes(v["claims"]),
        "responsibility": reconcile_responsibility(v["claims"]),
    }


class _KnownVectors:
    """An embedder answering from vectors embedded earlier, asking ``fallback`` for the rest."""

    def __init__(self, vectors: Mapping[str, np.ndarray], fallback: Any) -> None:
        self._vectors = vectors
        self._fallback = fallback
        self.name = getattr(fallback, "name", "known")
        self.dim = getattr(fallback, "dim", 0)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if texts and all(t in self._vectors for t in texts):
            return np.stack([self._vectors[t] for t in texts])
        return self._fallback.embed(texts)


def _summary_vectors(v: Mapping[str, Any]) -> dict[str, Any]:
    # The summary's sentences depend on the articles alone: embedding them right after
    # alignment (which shares many of them) takes them off the path of the slower claims
    # stage when stages overlap. A text's vector does not depend on its batch.
    texts = sorted(set(summary_texts(v["articles"])))
    vectors = v["models"].embedder.embed(texts) if texts else ()
    return {"summary_vectors": dict(zip(texts, vectors))}


def _summary(v: Mapping[str, Any]) -> dict[str, Any]:
    embedder = _KnownVectors(v["summary_vectors"], v["models"].embedder)
    return {"summary": summarize(v["articles"], v["claims"], v["relations"], v["groups"],
                                 embedder, words=v["words"], facts=v["facts"])}


def _timeline(v: Mapping[str, Any]) -> dict[str, Any]:
    return {"timeline": build_timeline(v["articles"], v["claims"], v["facts"])}


STORY_INPUTS = ("articles", "models", "words")
#: The default stages of one story's analysis, in order.
STORY_STAGES = (
    Stage("align", ("articles", "models"), ("alignments",), _align),
    Stage("provenance", ("articles", "alignments"), ("relations",), _relations),
    Stage("groups", ("articles", "relations"), ("groups",), _groups),
    Stage("claims", ("articles", "models"), ("claims",), _claims),
    Stage("reconcile", ("claims", "groups", "articles"), ("facts", "quotes", "responsibility"),
          _facts),
    Stage("summary_vectors", ("articles", "models", "alignments"), ("summary_vectors",),
          _summary_vectors),
    Stage("summary", ("articles", "claims", "relations", "groups", "facts", "models", "words",
                      "summary_vectors"), ("summary",), _summary),
    Stage("timeline", ("articles", "claims", "facts"), ("timeline",), _timeline),
)


def story_pipeline(stages: Sequence[Stage] = STORY_STAGES) -> Pipeline:
    """The story pipeline (checked at build: a wrong order raises StageError)."""
    return Pipeline(stages, STORY_INPUTS)


def run_overlapped(pipeline: Pipeline, **inputs: Any) -> dict[str, Any]:
    """Run a pipeline's stages as soon as their inputs exist, two at a time.

    The values are those of :meth:`Pipeline.run` (stages are pure functions of their inputs,
    so running independent stages side by side changes nothing). Alignment (onnxruntime) and
    claims (spaCy's matrix work) both release the GIL, so on two cores they overlap: the
    50-article benchmark's wall time drops while CPU time stays the same
    (``benchmarks/analyze_speed.py --overlap``).

    Raises:
        StageError: an input is missing or a stage returned other values than it declared;
            when several running stages fail, the error of the first in pipeline order.
    """
    missing = [name for name in pipeline.inputs if name not in inputs]
    if missing:
        raise StageError(f"pipeline input missing: {', '.join(missing)}")
    values: dict[str, Any] = dict(inputs)
    waiting = list(pipeline.stages)
    running: dict[Future[Mapping[str, Any]], int] = {}
    order = {stage.name: i for i, stage in enumerate(pipeline.stages)}
    errors: dict[int, BaseException] = {}
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="newsfuse-stage") as pool:
        while waiting or running:
            if not errors:
                for stage in [s for s in waiting if all(r in values for r in s.requires)]:
                    waiting.remove(stage)
                    snapshot = MappingProxyType(dict(values))
                    running[pool.submit(stage.run, snapshot)] = order[stage.name]
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                index = running.pop(future)
                stage = pipeline.stages[index]
                try:
                    result = future.result()
                except BaseException as exc:  # re-raised below, first failing stage first
                    errors[index] = exc
                    continue
                if set(result) != set(stage.provides):
                    errors[index] = StageError(
                        f"stage {stage.name!r} returned {sorted(result)}, "
                        f"declared {sorted(stage.provides)}"
                    )
                    continue
                values.update(result)
    if errors:
        raise errors[min(errors)]
    return values


def story_id_of(article_ids: Sequence[str]) -> str:
    """A stable story id from the sorted article ids."""
    digest = hashlib.sha256("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()
    return f"s-{digest[:16]}"


def _headline(article: Article) -> str | None:
    if article.title and article.title.strip():
        return " ".join(article.title.split())
    for p in article.paragraphs:
        if p.kind == "heading":
            return " ".join(article.text[p.start : p.end].split())
        break
    return None


def story_title(articles: Sequence[Article], groups: Sequence[Sequence[str]] = ()) -> str:
    """The headline most supported by the other articles' headlines (or first sentences).

    Support counts independent source groups whose headline or first sentence shares the
    candidate's words; ties go to the shorter, then alphabetically first title. Without
    any headline, the first sentence of the first article is used.
    """
    group_of: dict[str, str] = {}
    for g in groups:
        for a in g:
            group_of.setdefault(a, min(g))
    ordered = sorted(articles, key=lambda a: a.id)
    firsts = {
        a.id: a.text[a.sentences[0].start : a.sentences[0].end] if a.sentences else a.text[:200]
        for a in ordered
    }
    candidates = [(h, a.id) for a in ordered if (h := _headline(a))]
    if not candidates:
        first = next((firsts[a.id] for a in ordered if firsts[a.id].strip()), "")
        return " ".join(first.split())[:200] or "(untitled story)"

    def support(title: str, own: str) -> int:
        backers = {group_of.get(own, own)}
        for a in ordered:
            if a.id == own:
                continue
            other = _headline(a) or firsts[a.id]
            if fuzz.token_set_ratio(title.lower(), other.lower()) >= MIN_TITLE_SUPPORT_RATIO:
                backers.add(group_of.get(a.id, a.id))
        return len(backers)

    scored = sorted(candidates, key=lambda c: (-support(*c), len(c[0]), c[0]))
    return scored[0][0]


def analyze_story(
    articles: Sequence[Article],
    models: Models,
    *,
    words: int = 150,
    story_id: str | None = None,
    pipeline: Pipeline | None = None,
) -> Story:
    """Analyse the articles of one real-world event into a Story.

    Args:
        articles: the articles (any order; duplicates by id are refused).
        models: the embedder and spaCy pipeline.
        words: target summary length in words.
        story_id: an explicit id; default derived from the sorted article ids.
        pipeline: the stages to run (default :func:`story_pipeline`).

    Raises:
        InputError: two articles share an id.
        ConfigError: no articles, or ``words`` is not positive.
    """
    if not articles:
        raise ConfigError("a story needs at least one article")
    if words <= 0:
        raise ConfigError(f"--words must be positive, got {words}")
    ordered = tuple(sorted(articles, key=lambda a: a.id))
    for prev, cur in zip(ordered, ordered[1:]):
        if prev.id == cur.id:
            raise InputError(cur.source, f"duplicate article id {cur.id!r} (also {prev.source})")
    run_models = Models(embedder=_MemoEmbedder(models.embedder), nlp=models.nlp)
    values = run_overlapped(pipeline or story_pipeline(), articles=ordered, models=run_models,
                            words=words)
    groups = values.get("groups", ())
    return Story(
        id=story_id or story_id_of([a.id for a in ordered]),
        title=story_title(ordered, groups),
        articles=tuple(a.id for a in ordered),
        summary=values.get("summary", ()),
        facts=values.get("facts", ()),
        quotes=values.get("quotes", ()),
        responsibility=values.get("responsibility", ()),
        provenance=values.get("relations", ()),
        source_groups=groups,
        timeline=values.get("timeline", ()),
    )


def group_by_field(name: str) -> Grouping:
    """A grouping for ``--group-by NAME``: articles with equal field values form one story.

    Articles without the field each form their own story.

    Raises:
        ConfigError: (when the grouping is applied) no article has the field.
    """
    if not name:
        raise ConfigError("--group-by needs a field name")

    def grouping(articles: Sequence[Article]) -> list[list[Article]]:
        by: dict[str, list[Article]] = {}
        alone: list[list[Article]] = []
        for a in sorted(articles, key=lambda a: a.id):
            value = a.field(name)
            if value is None or not str(value).strip():
                alone.append([a])
            else:
                by.setdefault(str(value), []).append(a)
        if articles and not by:
            raise ConfigError(f"no article has a field named {name!r} (--group-by {name})")
        return [by[k] for k in sorted(by)] + alone

    return grouping


def analyze(
    articles: Sequence[Article],
    models: Models,
    *,
    grouping: Grouping | None = None,
    words: int = 150,
    rejected: Sequence[Rejection] = (),
    pipeline: Pipeline | None = None,
) -> Report:
    """Split the articles into stories (``grouping``; None = one story) and analyse each.

    ``grouping`` may be :func:`group_by_field` or ``newsfuse.cluster.cluster_articles``
    bound to the models. Stories are sorted by id.
    """
    ordered = tuple(sorted(articles, key=lambda a: a.id))
    groups = [list(ordered)] if grouping is None else [list(g) for g in grouping(ordered)]
    seen: set[str] = set()
    for g in groups:
        for a in g:
            if a.id in seen:
                raise StageError(f"the grouping put article {a.id!r} in two stories")
            seen.add(a.id)
    stories = [
        analyze_story(g, models, words=words, pipeline=pipeline) for g in groups if g
    ]
    stories.sort(key=lambda s: s.id)
    return Report(articles=ordered, stories=tuple(stories), rejected=tuple(rejected))
