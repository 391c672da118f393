"""A year of cases (有呼必应) and door-to-door visits for the demo.

Cases: about 2,000 over the year before the demo's date, more where more
households live, with a seasonal mix of categories (环境卫生 in summer,
设施维修 in the heating season, 矛盾纠纷 all year), routed to their grid and
person by ``gridmap.cases.routing.Router`` (the one routing rule), each with a
timeline of steps. Most close within their deadline; some close late after a
督办; a few are stuck open and overdue; the latest are still being handled.

Visits: the households' check dates are the visits that set them, members of
the grid making rounds; older rounds fill the year, and in most grids recent
rounds bring coverage (90 days) above the 80% target; a few grids lag.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from shapely.geometry import Point

from gridmap.cases import workflow
from gridmap.cases.routing import Router
from gridmap.cases.settings import CaseSettings
from gridmap.demo.context import DemoContext
from gridmap.levels import Depths
from gridmap.model.entities import CASE_NEW, CHINA_TIME, Case, CaseEvent, Household, Visit, VisitHousehold

CASES_PER_HOUSEHOLD = 0.175  # a year: ≈2,000 cases for the demo's 11,500 households
SOURCES = {"12345": 30, "电话": 20, "微信群": 22, "上门": 10, "巡查发现": 18}
URGENCIES = {"一般": 85, "紧急": 12, "特急": 3}
# category → weight per month (Jan..Dec): litter and drains in summer, repairs and heating in winter
SEASONS = {
    "矛盾纠纷": (10,) * 12,
    "安全隐患": (6, 6, 5, 5, 5, 6, 6, 6, 5, 5, 6, 7),
    "环境卫生": (5, 5, 7, 9, 12, 15, 17, 16, 12, 8, 6, 5),
    "设施维修": (16, 14, 9, 6, 5, 5, 6, 6, 6, 8, 14, 17),
    "民生求助": (8, 8, 7, 6, 6, 6, 6, 6, 6, 7, 8, 9),
    "其他": (3,) * 12,
}
DESCRIPTIONS = {
    "矛盾纠纷": ("楼上漏水淹了楼下卫生间，两户协商不成", "邻居在楼道堆放杂物，双方发生争吵",
                "夜间装修噪音扰民，多次沟通无果", "停车位被长期占用引发邻里纠纷", "宠物犬未拴绳吓到老人，双方有争执"),
    "安全隐患": ("楼道内电动车充电，飞线接入住户", "消防通道被车辆堵塞", "单元门口墙皮脱落，有坠落危险",
                "地下室有燃气味，需排查", "楼顶护栏松动", "小区配电箱门损坏未上锁"),
    "环境卫生": ("垃圾桶满溢无人清运，气味较大", "楼道小广告较多", "绿化带内有建筑垃圾堆放",
                "雨后积水，下水道堵塞", "小区内蚊蝇较多，请求消杀", "楼下有人晾晒占道"),
    "设施维修": ("单元楼道灯不亮", "单元门禁损坏无法关闭", "暖气不热，室温偏低", "供暖管道漏水",
                "二次供水压力不足，高层无水", "路面井盖松动"),
    "民生求助": ("独居老人行动不便，需要帮助代购药品", "咨询高龄津贴办理流程", "申请临时救助",
                "残疾人家属咨询康复服务", "老人手机不会用，需要帮助缴纳水电费"),
    "其他": ("咨询社区活动报名", "反映快递柜占道", "建议增设健身器材", "询问疫苗接种点"),
}
STEP_NOTES = {
    workflow.DISPATCH: "请尽快联系居民处理", workflow.ACCEPT: "已联系居民",
    workflow.SUBMIT: ("已上门处理，居民认可", "已协调相关单位处理完毕", "已现场处置", "已电话回访，问题解决"),
    workflow.CLOSE: ("回访满意，办结", "核查属实，办结"), workflow.REJECT: "回访居民称问题未解决，请继续处理",
    workflow.RETURN: "不属本网格，请改派", workflow.SUSPEND: "需等待物业配件", workflow.RESUME: "配件已到，继续处理",
    workflow.ESCALATE: "已超期，请督促办理",
}
VISIT_FINDINGS = (("正常", 70), ("家中无人", 10), ("老人身体状况良好", 6), ("反映楼道灯不亮", 2),
                  ("宣传防诈骗知识", 6), ("登记新入住人员", 3), ("提醒规范充电", 3))
WEAK_GRIDS = 3  # grids whose recent rounds fall short of the coverage target
YEAR = 365


def add_cases_and_visits(ctx: DemoContext, roles: Depths) -> None:
    now = dt.datetime.combine(ctx.today, dt.time(9, 0), tzinfo=dt.UTC)  # the demo file's moment
    _add_cases(ctx, roles, now)
    _add_visits(ctx, roles)


class _Tables:
    """What ``Router`` reads of a project, over the demo's tables (no project exists yet)."""

    def __init__(self, ctx: DemoContext) -> None:
        self.tables = {name: {r.id: r for r in ctx.tables[name]}
                       for name in ("zones", "assignments", "buildings", "households", "cases", "staff", "compounds",
                                    "units")}
        self.meta: dict[str, str] = {}
        self.levels = sorted(ctx.tables["levels"], key=lambda lv: lv.depth)


# -- cases ---------------------------------------------------------------------------------------


def _add_cases(ctx: DemoContext, roles: Depths, now: dt.datetime) -> None:
    rng = ctx.rng("cases")
    view = _Tables(ctx)
    router = Router(view, CaseSettings())  # type: ignore[arg-type]
    settings = router.settings
    tables = view.tables
    homes_of: dict[int, list[Household]] = defaultdict(list)
    for home in ctx.tables["households"]:
        homes_of[home.building_id].append(home)
    lived_in = [b for b in ctx.tables["buildings"] if homes_of[b.id]]
    weights = [len(homes_of[b.id]) for b in lived_in]  # more households, more cases
    count = round(CASES_PER_HOUSEHOLD * len(ctx.tables["households"]))
    reported = sorted(_report_time(rng, now) for _ in range(count))
    numbers: dict[int, int] = defaultdict(int)
    chiefs = _community_chiefs(ctx, roles)
    staff = tables["staff"]
    for at in reported:
        month = at.astimezone(CHINA_TIME).month - 1
        category = rng.choices(list(SEASONS), [w[month] for w in SEASONS.values()])[0]
        building = rng.choices(lived_in, weights)[0]
        household = rng.choice(homes_of[building.id]) if category in ("矛盾纠纷", "民生求助") or rng.random() < 0.4 \
            else None
        point, zone, building_id, household_id = router.place(
            building_id=building.id, household_id=household.id if household else None)
        if category in ("环境卫生", "安全隐患") and rng.random() < 0.3:  # out of doors: a spot by the building
            point = _nearby(point, tables["zones"][zone].geometry, rng)
        urgency = rng.choices(list(URGENCIES), list(URGENCIES.values()))[0]
        source = rng.choices(list(SOURCES), list(SOURCES.values()))[0]
        reporter, phone = ("", "") if source == "巡查发现" else (ctx.people.name(rng.choice("mf")), ctx.people.phone())
        year = at.year
        numbers[year] += 1
        case = Case(len(ctx.tables["cases"]) + 1, f"{year}-{numbers[year]:06d}", category,
                    rng.choice(DESCRIPTIONS[category]), source, reporter, phone, at, urgency,
                    settings.deadline(category, urgency, at), CASE_NEW, zone, building_id, household_id,
                    _address(tables, building, household), router.person_for(zone, category), 0,
                    None, point)
        chief = chiefs.get(router.tree.ancestor_at(zone, roles.community))
        case = _timeline(ctx, case, router, chief, staff, now, rng)
        ctx.add("cases", Case, **case._asdict())


def _report_time(rng: random.Random, now: dt.datetime) -> dt.datetime:
    """A moment in the year before ``now``, in the day's waking hours (China time)."""
    day = (now.astimezone(CHINA_TIME) - dt.timedelta(days=rng.randrange(1, YEAR + 1))).date()
    hour = rng.choices(range(7, 22), (2, 6, 9, 9, 8, 6, 5, 7, 8, 8, 7, 5, 4, 3, 2))[0]
    local = dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=CHINA_TIME)
    return local.astimezone(dt.UTC)


def _nearby(point: Point, grid, rng: random.Random) -> Point:
    for _ in range(20):
        spot = Point(point.x + rng.uniform(-40, 40), point.y + rng.uniform(-40, 40))
        if grid.contains(spot):
            return spot
    return point


def _address(tables: dict, building, household) -> str:
    """As a resident says it: "丰乐小区3号楼2单元301"."""
    compound = tables["compounds"].get(building.compound_id)
    place = f"{compound.name}{building.number}" if compound else building.number
    if household is None:
        return place
    unit = tables["units"].get(household.unit_id)
    return f"{place}{unit.number if unit else 1}单元{household.room}"


def _community_chiefs(ctx: DemoContext, roles: Depths) -> dict[int, str]:
    """Each community's secretary (社区书记): who takes cases in and checks them."""
    names = {s.id: s.name for s in ctx.tables["staff"]}
    return {a.target_id: names[a.staff_id] for a in ctx.tables["assignments"]
            if a.role == "社区书记" and a.target_kind == "zone"}


def _timeline(ctx: DemoContext, case: Case, router: Router, chief: str | None, staff: dict, now: dt.datetime,
              rng: random.Random) -> Case:
    """The case's steps up to ``now`` (case_events) and the case as they leave it."""
    allowed = (case.deadline - case.reported_at).total_seconds() / 3600
    fate = rng.random()
    recent = now - case.reported_at < dt.timedelta(days=60)
    if recent and fate < 0.2:
        finish = None  # stuck: not handled in time, and still open on the demo's day
    elif fate < 0.07:  # (short deadlines make a few more late below)
        finish = allowed * rng.uniform(1.1, 2.5)  # closed late, after a 督办
    else:
        finish = allowed * rng.uniform(0.15, 0.9)
    hour = dt.timedelta(hours=1)
    # (at, actor: "chief" / "person" / "office", action, assignee after it: a staff id, "same" or None)
    steps: list[tuple[dt.datetime, str, str, Any]] = []
    at = case.reported_at
    steps.append((at, "chief", workflow.REPORT, "same"))
    at += hour * rng.uniform(0.1, 1.5)
    if rng.random() < 0.04:  # sent to the wrong person first: returned and dispatched again
        steps.append((at, "chief", workflow.DISPATCH, "same"))
        at += hour * rng.uniform(0.5, 3)
        steps.append((at, "person", workflow.RETURN, None))
        at += hour * rng.uniform(0.2, 1)
        steps.append((at, "chief", workflow.DISPATCH, router.person_for(case.zone_id, case.category)))
    else:
        steps.append((at, "chief", workflow.DISPATCH, "same"))
    at += hour * rng.uniform(0.1, 2)
    steps.append((at, "person", workflow.ACCEPT, "same"))
    end = case.reported_at + hour * (finish if finish is not None else allowed * 6 + 24 * 60)
    end = max(end, at + hour * rng.uniform(0.3, 2))  # handling takes a while, however urgent
    detour = rng.random()
    if finish is not None and detour < 0.04:  # waiting for parts
        pause = at + (end - at) * rng.uniform(0.2, 0.4)
        steps.append((pause, "person", workflow.SUSPEND, "same"))
        steps.append((pause + (end - pause) * 0.5, "person", workflow.RESUME, "same"))
    if finish is None or finish > allowed:  # past the deadline: pressed one level up (督办)
        pressed = router.escalation_person(case.zone_id, 1)
        after = (end - case.deadline) * rng.uniform(0.1, 0.5) if finish is not None else hour * rng.uniform(1, 20)
        steps.append((case.deadline + after, "office", workflow.ESCALATE, pressed or "same"))
    if finish is not None:
        if 0.04 <= detour < 0.10:  # the check found it not done
            first = at + (end - at) * 0.6
            steps.append((first, "person", workflow.SUBMIT, "same"))
            steps.append((first + (end - first) * 0.3, "chief", workflow.REJECT, "same"))
        steps.append((end, "person", workflow.SUBMIT, "same"))
        steps.append((end + hour * rng.uniform(0.5, 10), "chief", workflow.CLOSE, "same"))
    steps.sort(key=lambda s: s[0])
    status, closed, person, escalation = CASE_NEW, None, case.assignee_id, 0
    names = {"chief": chief or "社区", "office": "街道办"}
    for at, actor, action, assignee in steps:
        if at >= now:
            break
        if action != workflow.REPORT:
            status = workflow.next_status(status, action)
            if status is None:
                raise AssertionError(f"demo case {case.number}: {action} may not follow")
        who = staff[person].name if actor == "person" and person in staff else names.get(actor, names["chief"])
        if assignee != "same":
            person = assignee
        escalation += action == workflow.ESCALATE
        if action == workflow.CLOSE:
            closed = _ms(at)
        note = case.description if action == workflow.REPORT else _note(action, rng)
        ctx.add("case_events", CaseEvent, case_id=case.id, at=_ms(at), who=who, action=action, status=status,
                assignee_id=person, note=note)
    return case._replace(status=status, assignee_id=person, closed_at=closed, escalation=escalation)


def _note(action: str, rng: random.Random) -> str:
    note = STEP_NOTES[action]
    return note if isinstance(note, str) else rng.choice(note)


def _ms(moment: dt.datetime) -> dt.datetime:
    """To the millisecond, as the project file keeps times."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


# -- visits --------------------------------------------------------------------------------------


def _add_visits(ctx: DemoContext, roles: Depths) -> None:
    """Rounds by each grid's chief and members: the day each household was last
    checked, one or two earlier rounds in the year, and (in all but a few grids)
    recent rounds to the households not seen for 90 days."""
    rng = ctx.rng("visits")
    today = ctx.today
    settings = CaseSettings()
    since = today - dt.timedelta(days=settings.visit_days)
    grid_of_building = {b.id: b.zone_id for b in ctx.tables["buildings"]}
    members: dict[int, list[int]] = defaultdict(list)
    for post in ctx.tables["assignments"]:
        if post.target_kind == "zone" and post.role in ("网格员", "网格长"):
            members[post.target_id].append(post.staff_id)
    homes_by_grid: dict[int, list[Household]] = defaultdict(list)
    for home in ctx.tables["households"]:
        homes_by_grid[grid_of_building[home.building_id]].append(home)
    grids = sorted(g for g in homes_by_grid if members.get(g))
    weak = set(rng.sample(grids, WEAK_GRIDS))
    rounds: dict[tuple[int, dt.date], list[int]] = defaultdict(list)  # (staff, day) → households
    for grid in grids:
        team = members[grid]
        homes = homes_by_grid[grid]
        walker: dict[dt.date, int] = {}  # one member makes a grid's round of the day

        def visit(day: dt.date, household: int, walker=walker, team=team) -> None:
            rounds[(walker.setdefault(day, rng.choice(team)), day)].append(household)

        for home in homes:
            if home.last_checked is not None:
                visit(home.last_checked, home.id)
                for _ in range(rng.choice((0, 1, 1, 2))):  # earlier rounds, on Tuesdays and Fridays
                    earlier = home.last_checked - dt.timedelta(days=rng.randrange(30, YEAR))
                    earlier -= dt.timedelta(days=(earlier.weekday() - 1) % 7 if rng.random() < 0.5
                                            else (earlier.weekday() - 4) % 7)
                    if earlier > today - dt.timedelta(days=YEAR):
                        visit(earlier, home.id)
        if grid in weak:
            continue
        stale = [h for h in homes if h.last_checked is None or h.last_checked <= since]
        rng.shuffle(stale)
        covered = len(homes) - len(stale)
        wanted = round(len(homes) * rng.uniform(0.84, 0.95))
        for home in stale[: max(0, wanted - covered)]:
            visit(since + dt.timedelta(days=rng.randrange(1, settings.visit_days)), home.id)
    last: dict[int, dt.date] = {}
    findings, weights = zip(*VISIT_FINDINGS)
    for (staff_id, day), households in sorted(rounds.items(), key=lambda item: (item[0][1], item[0][0])):
        visit = ctx.add("visits", Visit, staff_id=staff_id, visited_on=day, note="入户走访")
        for household_id in sorted(set(households)):
            ctx.add("visit_households", VisitHousehold, visit_id=visit.id, household_id=household_id,
                    found=rng.choices(findings, weights)[0])
            last[household_id] = max(day, last.get(household_id, day))
    ctx.tables["households"] = [h._replace(last_checked=last[h.id]) if h.id in last and
                                (h.last_checked is None or h.last_checked < last[h.id]) else h
                                for h in ctx.tables["households"]]
