#!/usr/bin/env python3
"""An independent check of the CDNOW ceiling (docs/scoring.md section 5), outside the platform's code.

Features straight from CDNOW_master.txt, the standard task (features up to 1997-09-30, label = no purchase
1997-10-01..1998-06-30), five folds by customer id, each variant against a logistic refit of the published baseline
in the same folds (300 paired bootstrap resamples of the customers). Not part of the build; needs Debian's
python3-sklearn, python3-xgboost and python3-pandas:

    apt-get install python3-sklearn python3-xgboost python3-pandas
    /usr/bin/python3 infra/model-tools/scripts/cdnow_recheck.py ../shared/data/cdnow/CDNOW_master.txt.gz
"""
import sys

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler

T0 = pd.Timestamp("1997-09-30")
HORIZON = pd.Timedelta(days=273)


def load(path):
    tx = pd.read_csv(path, sep=r"\s+", header=0, names=["id", "date", "n", "amt"], dtype={"id": str, "date": str})
    tx["d"] = pd.to_datetime(tx.date, format="%Y%m%d")
    return tx


def features(tx, t):
    """One row per customer as of t; purchase days (several orders on a day count once), label over the horizon."""
    day = tx.groupby(["id", "d"]).agg(n=("n", "sum"), amt=("amt", "sum")).reset_index()
    h = day[day.d <= t]
    future = day[(day.d > t) & (day.d <= t + HORIZON)].groupby("id").d.size()
    g = h.groupby("id")
    f = pd.DataFrame({"first": g.d.min(), "last": g.d.max(), "days": g.d.size(), "units": g.n.sum(),
                      "rev": g.amt.sum()})
    f["T"] = (t - f["first"]).dt.days
    f["tx"] = (f["last"] - f["first"]).dt.days
    f["rec"] = (t - f["last"]).dt.days
    f["x"] = f["days"] - 1
    f["mean_amt"] = f["rev"] / f["days"]
    for w in (30, 90, 180):
        f[f"days_{w}"] = h[h.d > t - pd.Timedelta(days=w)].groupby("id").d.size().reindex(f.index).fillna(0)
    f["rev_90"] = h[h.d > t - pd.Timedelta(days=90)].groupby("id").amt.sum().reindex(f.index).fillna(0)
    ordered = h.sort_values("d").groupby("id")
    f["first_amt"] = ordered.amt.first()
    f["last_amt"] = ordered.amt.last()
    period = ((t - h.d).dt.days // 28).clip(upper=9)
    monthly = h.assign(m=period).groupby(["id", "m"]).d.size().unstack(fill_value=0)
    for m in monthly.columns:
        f[f"m{m}"] = monthly[m].reindex(f.index).fillna(0)
    f["future"] = future.reindex(f.index).fillna(0)
    f["y"] = (f["future"] == 0).astype(int)
    return f.reset_index()


def main(path):
    S = features(load(path), T0)
    y = S.y.values
    fold = S.id.astype(int).values % 5

    def logistic(X, spline=False):
        p = np.zeros(len(S))
        for k in range(5):
            steps = [SplineTransformer(n_knots=6, degree=3, knots="quantile")] if spline else []
            m = make_pipeline(*steps, StandardScaler(), LogisticRegression(C=1.0, max_iter=5000))
            m.fit(X[fold != k], y[fold != k])
            p[fold == k] = m.predict_proba(X[fold == k])[:, 1]
        return p

    def trees(cols, target="y", objective="binary:logistic", metric="logloss"):
        X = S[cols]
        p = np.zeros(len(S))
        for k in range(5):
            train = np.where(fold != k)[0]
            hold = train[(S.id.values[train].astype(int) // 5) % 5 == 0]
            fit = np.setdiff1d(train, hold)
            test = np.where(fold == k)[0]
            raw_hold, raw_test = np.zeros(len(hold)), np.zeros(len(test))
            for b in range(3):
                params = dict(max_depth=2, eta=0.03, min_child_weight=20, subsample=0.8, colsample_bytree=0.8,
                              reg_lambda=5, objective=objective, eval_metric=metric, nthread=2, tree_method="hist",
                              seed=b)
                dh = xgb.DMatrix(X.iloc[hold], label=S[target].values[hold])
                booster = xgb.train(params, xgb.DMatrix(X.iloc[fit], label=S[target].values[fit]), 3000,
                                    evals=[(dh, "hold")], early_stopping_rounds=100, verbose_eval=False)
                rounds = (0, booster.best_iteration + 1)
                raw_hold += booster.predict(dh, iteration_range=rounds)
                raw_test += booster.predict(xgb.DMatrix(X.iloc[test]), iteration_range=rounds)
            if target != "y":  # a count: more purchases, less churn
                raw_hold, raw_test = -raw_hold, -raw_test
            iso = IsotonicRegression(out_of_bounds="clip", y_min=1e-4, y_max=1 - 1e-4).fit(raw_hold, y[hold])
            p[test] = iso.predict(raw_test)
        return p

    log1p = lambda c: np.log1p(S[c].values)
    base_inputs = np.column_stack([S["tx"], log1p("x"), log1p("mean_amt"), S["T"]])
    base = np.zeros(len(S))
    for k in range(5):  # the published baseline: unregularised logistic regression on its four inputs
        m = LogisticRegression(C=1e6, max_iter=5000).fit(base_inputs[fold != k], y[fold != k])
        base[fold == k] = m.predict_proba(base_inputs[fold == k])[:, 1]
    print(f"{'logistic baseline (refit)':62s} AUC {roc_auc_score(y, base):.4f}  log loss {log_loss(y, base):.4f}")

    def report(name, p):
        rng = np.random.default_rng(1)
        diffs = []
        for _ in range(300):
            i = rng.integers(0, len(y), len(y))
            diffs.append(roc_auc_score(y[i], p[i]) - roc_auc_score(y[i], base[i]))
        low, high = np.percentile(diffs, [2.5, 97.5])
        print(f"{name:62s} AUC {roc_auc_score(y, p):.4f}  minus baseline "
              f"{roc_auc_score(y, p) - roc_auc_score(y, base):+.4f} ({low:+.4f} to {high:+.4f})", flush=True)

    more = np.column_stack([base_inputs, S["rec"], log1p("days_30"), log1p("days_90"), log1p("days_180"),
                            log1p("rev_90"), log1p("units"), log1p("last_amt"), log1p("first_amt")])
    report("logistic baseline + eight more inputs", logistic(more))
    report("baseline inputs through cubic splines", logistic(base_inputs, spline=True))
    rfm = ["rec", "T", "x", "tx", "mean_amt", "rev", "units"]
    monthly = trees(rfm + [c for c in S.columns if c.startswith("m") and c[1:].isdigit()])
    report("trees on RFM + purchase days per 4-week period", monthly)
    report("trees on RFM, Poisson target (purchase days in the horizon)",
           trees(rfm + ["days_30", "days_90", "rev_90"], target="future", objective="count:poisson",
                 metric="poisson-nloglik"))
    report("50/50 average of the monthly trees and the baseline", 0.5 * monthly + 0.5 * base)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/cdnow/CDNOW_master.txt.gz")
