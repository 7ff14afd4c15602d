"""What a client asked for beneath a field: the names of every field in the subtree.

A page reads the rows of the relations its nodes will resolve (``lead``, ``workingGroup`` …)
in the same worker-thread hop as the page itself, but only those asked for.
"""

from __future__ import annotations

from collections import OrderedDict

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode

from .context import Info

# Documents are parsed once and kept (cost.py), so the same field node comes again: its
# names are remembered by identity, the node itself kept so that its id stays its own.
_KNOWN: OrderedDict[int, tuple[FieldNode, frozenset[str]]] = OrderedDict()
_KNOWN_MAX = 512


def selected_names(info: Info) -> frozenset[str]:
    """Field names anywhere beneath the field being resolved, fragments followed (an
    over-approximation: a name under any type counts)."""
    raw = info._raw_info
    node = raw.field_nodes[0]
    known = _KNOWN.get(id(node))
    if known is not None and known[0] is node and len(raw.field_nodes) == 1:
        return known[1]
    names: set[str] = set()
    seen_fragments: set[str] = set()

    def walk(selections: SelectionSetNode | None) -> None:
        if selections is None:
            return
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
                walk(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = raw.fragments.get(name)
                if fragment is not None and name not in seen_fragments:
                    seen_fragments.add(name)
                    walk(fragment.selection_set)

    for each in raw.field_nodes:
        walk(each.selection_set)
    found = frozenset(names)
    _KNOWN[id(node)] = (node, found)
    while len(_KNOWN) > _KNOWN_MAX:
        _KNOWN.popitem(last=False)
    return found
