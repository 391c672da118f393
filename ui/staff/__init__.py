"""The staff roster, assignments by drag and drop, party-member links and workloads."""
