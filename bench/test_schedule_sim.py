"""Self-test of bench/schedule_sim.py on hand-made costs with known answers.

    python3 -m unittest discover -s bench -p 'test_schedule_sim.py'
    (or: cd bench && python3 -m unittest test_schedule_sim)
"""

import csv
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import schedule_sim as sim  # noqa: E402


def tasks(costs, model="A", nbytes=None, steps=0):
    return [sim.Task(name=f"t{i}", model=model, cost=c, nbytes=(nbytes[i] if nbytes else 0.0),
                     steps=steps, order=i) for i, c in enumerate(costs)]


def span(policy, ts, ranks, **opt):
    return sim.run_policy(policy, ts, ranks, sim.Options(**opt)).makespan


class Workers(unittest.TestCase):
    def test_rank_zero_only_schedules_when_there_are_more_ranks(self):
        self.assertEqual(sim.workers_for(1), 1)
        self.assertEqual(sim.workers_for(2), 1)
        self.assertEqual(sim.workers_for(96), 95)

    def test_one_rank_runs_everything_serially(self):
        ts = tasks([1, 2, 3])
        for p in sim.POLICIES:
            self.assertAlmostEqual(span(p, ts, 1), 6.0, msg=p)


class Policies(unittest.TestCase):
    def test_four_equal_tasks_on_two_workers_take_two(self):
        ts = [sim.Task(f"t{i}", "AB"[i // 2], 1.0, order=i) for i in range(4)]
        for p in sim.POLICIES:
            self.assertAlmostEqual(span(p, ts, 3), 2.0, msg=p)

    def test_file_order_leaves_the_big_task_last(self):
        ts = tasks([1, 1, 1, 3])
        self.assertAlmostEqual(span("dynamic_file", ts, 3), 4.0)
        self.assertAlmostEqual(span("dynamic_largest", ts, 3), 3.0)

    def test_static_groups_greedy_and_round_robin(self):
        ts = [sim.Task("a1", "A", 3, order=0), sim.Task("a2", "A", 3, order=1),
              sim.Task("b", "B", 1, order=2), sim.Task("c", "C", 1, order=3)]
        self.assertAlmostEqual(span("static_model", ts, 3), 6.0)  # A | B+C
        self.assertAlmostEqual(span("static_model", ts, 3, static_assign="round-robin"), 7.0)  # A+C | B
        self.assertAlmostEqual(span("dynamic_largest", ts, 3), 4.0)

    def test_static_leaves_workers_without_a_model_idle(self):
        ts = tasks([2, 2])  # one model
        s = sim.run_policy("static_model", ts, 3)
        self.assertAlmostEqual(s.makespan, 4.0)
        m = sim.metrics("static_model", 3, ts, s)
        self.assertAlmostEqual(m["efficiency"], 0.5)
        self.assertAlmostEqual(m["idle_tail_s"], 4.0)  # the second worker never works

    def test_fixed_fields_wait_for_all_conversions(self):
        ts = tasks([4, 1]) + [sim.Task("fx", "A", 1.0, order=9, fixed=True)]
        s = sim.run_policy("dynamic_largest", ts, 3)
        self.assertAlmostEqual(s.makespan, 5.0)  # not 4: a barrier
        m = sim.metrics("dynamic_largest", 3, ts, s)
        # the second worker runs out of conversions at 1 and waits for the barrier
        self.assertAlmostEqual(m["idle_tail_s"], 4.0)
        self.assertAlmostEqual(m["mean_idle_s"], 5.0 - (5.0 + 1.0) / 2)  # worker 0 goes on to the fixed task

    def test_a_single_worker_is_never_idle(self):
        ts = tasks([2, 1]) + [sim.Task("fx", "A", 1.0, order=9, fixed=True)]
        m = sim.metrics("dynamic_largest", 1, ts, sim.run_policy("dynamic_largest", ts, 1))
        self.assertAlmostEqual(m["makespan_s"], 4.0)
        self.assertAlmostEqual(m["idle_tail_s"], 0.0)

    def test_dispatch_time_serialises_hand_outs(self):
        ts = tasks([0, 0, 0, 0])
        self.assertAlmostEqual(span("dynamic_file", ts, 5, dispatch_s=1.0), 4.0)


class Splitting(unittest.TestCase):
    def test_threshold_is_max_of_256_mb_and_total_over_384(self):
        self.assertAlmostEqual(sim.split_threshold_bytes(1e9), 256e6)
        self.assertAlmostEqual(sim.split_threshold_bytes(384e9), 1e9)
        self.assertAlmostEqual(sim.split_threshold_bytes(384e9, split_mb=100), 100e6)
        self.assertAlmostEqual(sim.split_threshold_bytes(384e9, reference_workers=192), 0.5e9)

    def test_one_huge_task_split_into_even_pieces(self):
        ts = tasks([8.0], nbytes=[8e9], steps=120)
        self.assertAlmostEqual(span("dynamic_largest", ts, 5, split_mb=2000), 8.0)
        self.assertAlmostEqual(span("largest_split", ts, 5, split_mb=2000), 2.0)  # 4 pieces of 2 s

    def test_pieces_are_whole_years(self):
        ts = tasks([8.0], nbytes=[8e9], steps=24)  # two years: at most two pieces
        self.assertAlmostEqual(span("largest_split", ts, 5, split_mb=2000), 4.0)

    def test_automatic_threshold(self):
        # total 3.6e9 bytes -> threshold 256 MB; 3.5e9 -> ceil(13.67) = 14 pieces of 1 s
        ts = tasks([14.0, 0.5], nbytes=[3.5e9, 0.1e9], steps=3888)
        pieces = sim.split_tasks(ts, sim.split_threshold_bytes(3.6e9))
        self.assertEqual(len(pieces), 15)
        self.assertAlmostEqual(span("largest_split", ts, 15), 1.5)  # 14 workers
        self.assertAlmostEqual(span("dynamic_largest", ts, 15), 14.0)
        m = sim.metrics("largest_split", 15, ts, sim.run_policy("largest_split", ts, 15))
        self.assertAlmostEqual(m["speedup"], 14.5 / 1.5)
        self.assertAlmostEqual(m["efficiency"], 14.5 / (14 * 1.5))
        self.assertAlmostEqual(m["efficiency_ranks"], 14.5 / (15 * 1.5))

    def test_fixed_tasks_are_never_split(self):
        ts = [sim.Task("fx", "A", 8.0, nbytes=8e9, steps=120, fixed=True)]
        self.assertEqual(len(sim.split_tasks(ts, 1e9)), 1)


class Metrics(unittest.TestCase):
    def test_idle_tail_and_mean_idle(self):
        ts = tasks([1, 1, 1, 3])
        m = sim.metrics("dynamic_file", 3, ts, sim.run_policy("dynamic_file", ts, 3))
        # worker 0: 1, 1 (ends at 2); worker 1: 1, 3 (ends at 4)
        self.assertAlmostEqual(m["makespan_s"], 4.0)
        self.assertAlmostEqual(m["idle_tail_s"], 2.0)
        self.assertAlmostEqual(m["mean_idle_s"], 1.0)
        self.assertAlmostEqual(m["efficiency"], 6.0 / 8.0)


def report_of(entries):
    return {"tasks": entries}


class ReportInput(unittest.TestCase):
    def test_pieces_merge_into_one_task_in_discovery_order(self):
        rep = report_of([
            {"id": 3, "input": "/r/M/S3/m_S3_gpp.nc", "kind": "convert", "model": "M", "seconds": 4.0,
             "estimated_bytes": 5.0, "piece": {"index": 1, "count": 2}, "status": "ok"},
            {"id": 1, "input": "/r/M/S3/m_S3_lai.nc", "kind": "convert", "model": "M", "seconds": 1.0,
             "estimated_bytes": 2.0, "status": "ok"},
            {"id": 2, "input": "/r/M/S3/m_S3_gpp.nc", "kind": "convert", "model": "M", "seconds": 3.0,
             "estimated_bytes": 5.0, "piece": {"index": 0, "count": 2}, "status": "ok"},
            {"id": 4, "input": "/r/M/S3/m_S3_gpp.nc", "kind": "fixed", "model": "M", "seconds": 0.5,
             "estimated_bytes": 1.0, "status": "ok"},
        ])
        ts = sim.tasks_from_report(rep)
        self.assertEqual([t.order for t in ts], [1, 2, 4])
        self.assertEqual([t.cost for t in ts], [1.0, 7.0, 0.5])
        self.assertEqual(ts[1].nbytes, 10.0)
        self.assertEqual([t.fixed for t in ts], [False, False, True])

    def test_one_input_with_two_outputs_stays_two_tasks(self):
        rep = report_of([
            {"id": 1, "input": "f", "kind": "convert", "variable": "tsl", "seconds": 1.0},
            {"id": 2, "input": "f", "kind": "convert", "variable": "msl", "seconds": 2.0}])
        self.assertEqual([t.cost for t in sim.tasks_from_report(rep)], [1.0, 2.0])

    def test_cost_fit_recovers_overhead_and_throughput(self):
        entries = [{"input": f"f{i}", "kind": "convert", "status": "ok", "bytes_read": b,
                    "seconds": 0.5 + b / 100e6} for i, b in enumerate([1e8, 3e8, 7e8, 2e9])]
        overhead, mbs = sim.fit_cost_model(report_of(entries))
        self.assertAlmostEqual(overhead, 0.5, places=6)
        self.assertAlmostEqual(mbs, 100.0, places=4)


class EndToEnd(unittest.TestCase):
    def test_csv_has_a_row_per_policy_and_rank_count(self):
        with tempfile.TemporaryDirectory() as d:
            with redirect_stdout(io.StringIO()) as out:
                rc = sim.main(["--synthetic-release", "--seed", "3", "--models", "3", "--simulations", "S3",
                               "--ranks", "16,96", "--out", d])
            self.assertEqual(rc, 0)
            with open(os.path.join(d, "schedule.csv")) as f:
                rows = list(csv.DictReader(f))
            self.assertEqual(len(rows), 2 * len(sim.POLICIES))
            self.assertEqual({r["policy"] for r in rows}, set(sim.POLICIES))
            for r in rows:
                self.assertLessEqual(float(r["efficiency"]), 1.0 + 1e-9)
            self.assertIn("largest_split", out.getvalue())

    def test_replays_a_report(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "report.json")
            with open(path, "w") as f:
                json.dump(report_of([{"id": i, "input": f"f{i}", "kind": "convert", "model": "AB"[i % 2],
                                      "seconds": 1.0, "estimated_bytes": 1e6} for i in range(4)]), f)
            with redirect_stdout(io.StringIO()):
                sim.main(["--report", path, "--ranks", "3", "--out", d])
            with open(os.path.join(d, "schedule.csv")) as f:
                rows = {r["policy"]: r for r in csv.DictReader(f)}
            for p in sim.POLICIES:
                self.assertAlmostEqual(float(rows[p]["makespan_s"]), 2.0, msg=p)


if __name__ == "__main__":
    unittest.main()
