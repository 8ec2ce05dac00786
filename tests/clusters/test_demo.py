"""The clusters' demo on the standard tree: a cluster of the district federations with a signed covenant, every
member's scores, the ranking, the meeting's votes and the proposal sent; a sector bloc with an amended covenant and
some scores; written through the actions; idempotent."""

from thidua.clusters import queries
from thidua.clusters.demo import load_demo_clusters
from thidua.clusters.models import Cluster, CovenantStatus, Score
from thidua.core.models import AuditEvent
from thidua.orgs import actions as org_actions
from thidua.proposals.models import ProposalStatus

from .builders import D


def test_demo_builds_the_clusters_once(tree):
    third = org_actions.create_unit(tree.BT, by=None, code="GL", name="Liên đoàn Lao động huyện Giồng Trôm",
                                    short_name="LĐLĐ Giồng Trôm", level="upper", founded_on=D(2015, 1, 1))  # fmt: skip
    sectors = [org_actions.create_unit(tree.BT, by=None, code=f"N{i}", name=f"Công đoàn ngành số {i}",
                                       short_name=f"CĐ ngành {i}", level="upper", founded_on=D(2015, 1, 1))
               for i in range(1, 4)]  # fmt: skip
    districts = [tree.CT, tree.TPBT, third]
    result = load_demo_clusters(tree.BT, districts=districts, sectors=sectors, form=None)
    assert result == {"clusters": 2, "scores": 3 * 3 * 3 + 2 * 3 * 4, "proposals": 1}
    area, bloc = Cluster.objects.filter(issuer=tree.BT).order_by("kind")
    covenant = queries.covenant_in_force(area, 2017)
    table = queries.ranking(covenant)
    assert [len(r.scores) for r in table.rows] == [3, 3, 3]
    assert all(r.total > 0 for r in table.rows)
    meeting = area.meetings.get()
    assert meeting.proposal.status == ProposalStatus.SENT
    assert meeting.proposal.unit == tree.CT and meeting.proposal.to_unit == tree.BT
    assert sorted(meeting.selections.values_list("award__code", flat=True)) == ["bang-khen-ldld"] * 2 + [
        "co-thi-dua-ldld"]  # fmt: skip
    assert meeting.selections.get(award__code="co-thi-dua-ldld").unit == table.rows[0].unit
    assert list(bloc.covenants.values_list("version", "status")) == [(2, CovenantStatus.SIGNED),
                                                                     (1, CovenantStatus.SUPERSEDED)]  # fmt: skip
    assert Score.objects.filter(criterion__covenant__cluster=bloc).values("by_unit").distinct().count() == 2
    events = AuditEvent.objects.count()
    assert load_demo_clusters(tree.BT, districts=districts, sectors=sectors, form=None) == {
        "clusters": 0, "scores": 0, "proposals": 0}  # fmt: skip
    assert AuditEvent.objects.count() == events
