# Demo code, imported on demand by the demo data (never at module load).
