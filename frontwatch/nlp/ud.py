"""Dependency labels as extraction reads them: Universal Dependencies (and entity labels as it reads them).

Extraction reads a parse in Universal Dependencies (UD): ``obj``, ``nsubj:pass``, ``obl:agent``, and a
preposition as the ``case`` of the nominal it introduces. spaCy's French models parse in UD; its English
models parse in the ClearNLP scheme, where the preposition heads its object (``prep`` -> ``pobj``) and labels
differ (``dobj``, ``nsubjpass``, ``agent``). A language whose model parses otherwise says so in its
``language.toml`` (``[parse]``: the label map and the prepositional relations to turn over), and this
component, added after the model's parser, rewrites each parse in UD. The language only picks the data: the
component knows no label of its own.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span

# Parts of speech whose dependents are clausal obliques (obl) rather than nominal modifiers (nmod).
_PREDICATES = frozenset({"VERB", "AUX", "ADJ", "ADV"})


@Language.factory(
    "frontwatch_ud",
    default_config={"relabel": {}, "relabel_tags": {}, "case": {}, "mark": {}, "oblique": "obl", "modifier": "nmod",
                    "entity_labels": {}, "coordination": {}},
)
def make_ud(nlp: Language, name: str, relabel: dict, relabel_tags: dict, case: dict, mark: dict,
            oblique: str, modifier: str, entity_labels: dict, coordination: dict) -> "ToUniversal":
    return ToUniversal(relabel, relabel_tags, case, mark, oblique, modifier, entity_labels, coordination)


class ToUniversal:
    """Rewrite a parse in UD: relabel, and turn each preposition into the case of its object.

    ``case`` maps a prepositional relation to the label of the object it heads (``{"prep": "pobj", "agent":
    "pobj"}``): the object takes the preposition's place under its head, as ``oblique`` under a predicate and
    ``modifier`` under a nominal (``relabel`` may name a relation's own label: ``agent`` -> ``obl:agent``), and
    the preposition hangs on it as ``case``. ``mark`` does the same for a preposition heading a clause
    (``{"prep": "pcomp"}``: "after killing" -> the clause is an ``advcl`` with its ``mark``). ``relabel_tags``
    relabels by fine-grained tag ("TO" -> ``mark``), before ``relabel``. ``entity_labels`` renames the model's
    entity labels to those extraction reads (LOC, GPE, PER, ORG, MISC): "PERSON" -> "PER", "NORP" -> "MISC".
    ``coordination`` maps a coordinator's label to its conjuncts' (``{"cc": "conj"}``): a coordinator the model
    hangs on the first conjunct hangs, as in UD, on the conjunct right after it ("A and B": "and" on B).
    """

    def __init__(self, relabel: dict, relabel_tags: dict, case: dict, mark: dict, oblique: str, modifier: str,
                 entity_labels: dict | None = None, coordination: dict | None = None):
        self.relabel, self.relabel_tags = dict(relabel), dict(relabel_tags)
        self.case, self.mark = dict(case), dict(mark)
        self.oblique, self.modifier = oblique, modifier
        self.entity_labels = dict(entity_labels or {})
        self.coordination = dict(coordination or {})

    def __call__(self, doc: Doc) -> Doc:
        if self.entity_labels and doc.ents:
            doc.ents = [Span(doc, e.start, e.end, label=self.entity_labels.get(e.label_, e.label_)) for e in doc.ents]
        if not len(doc) or not doc.has_annotation("DEP"):
            return doc
        heads = [t.head.i for t in doc]
        deps = [t.dep_ for t in doc]
        for token in doc:
            dep = token.dep_
            obj = next((c for c in token.children if c.dep_ == self.case.get(dep)), None)
            clause = None if obj is not None else next((c for c in token.children if c.dep_ == self.mark.get(dep)), None)
            target = obj or clause
            if target is not None and token.head.i != token.i:
                governor = token.head
                heads[target.i] = governor.i
                if obj is not None:
                    own = self.relabel.get(dep)
                    deps[target.i] = own or (self.oblique if governor.pos_ in _PREDICATES else self.modifier)
                    deps[token.i] = "case"
                else:
                    deps[target.i] = "advcl" if governor.pos_ in _PREDICATES else "acl"
                    deps[token.i] = "mark"
                heads[token.i] = target.i
                for child in token.children:  # "just outside the town": what qualified the preposition
                    if child.i != target.i:
                        heads[child.i] = target.i
            elif token.tag_ in self.relabel_tags:
                deps[token.i] = self.relabel_tags[token.tag_]
            elif dep in self.relabel:
                deps[token.i] = self.relabel[dep]
        for token in doc:
            conjunct = self.coordination.get(deps[token.i])
            after = next((t for t in doc[token.i + 1:] if heads[t.i] == heads[token.i] and deps[t.i] == conjunct), None)
            if conjunct and after is not None and heads[token.i] != token.i:
                heads[token.i] = after.i
        # relative heads (uint64, as spaCy stores them) and labels; the sentences follow from the tree, which the
        # rewrite changes inside each sentence only
        strings = doc.vocab.strings
        array = numpy.array([[(heads[i] - i) % 2**64, strings.add(deps[i])] for i in range(len(doc))], dtype="uint64")
        doc.from_array([HEAD, DEP], array)
        return doc
