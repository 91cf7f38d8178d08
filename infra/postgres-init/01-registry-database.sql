-- The schema registry keeps its schemas in a database of its own (scripts/infra.sh creates the same one).
CREATE DATABASE velocity_synth_registry;
