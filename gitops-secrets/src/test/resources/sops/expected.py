"""PyYAML's (json's for .json) reading of every YAML/JSON SOPS fixture, by path: the reference for SopsLoadingConformanceTest."""
import json, os, re, yaml

class Core(yaml.SafeLoader):
    pass

Core.yaml_implicit_resolvers = {k: [(t, r) for (t, r) in v if t not in ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:timestamp')]
                                for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Core.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))

here = os.path.dirname(os.path.abspath(__file__))
out = {}
for root, dirs, files in os.walk(here):
    for f in files:
        if f.endswith(('.yaml', '.yml', '.json')) and f != 'expected.pyyaml.json':
            p = os.path.join(root, f)
            with open(p, 'rb') as fh:
                text = fh.read().decode('utf-8')
            if f.endswith('.json'):
                docs = [json.loads(text)]
            else:
                docs = [d for d in yaml.load_all(text, Loader=Core) if d is not None]
            out[os.path.relpath(p, here)] = docs
print(json.dumps(out, sort_keys=True, indent=1))
