"""Per-building colour plans (九色动态图): layout and the data behind them."""
