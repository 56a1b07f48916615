"""The YAML loader used for all data files: safe, and libyaml's C implementation when available."""
import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
