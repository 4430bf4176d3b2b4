# bash completion for relgraph: commands, the options of each command, the values of
# --format, --by and --direction, and file names elsewhere.
# Installed as share/bash-completion/completions/relgraph; to try it from a checkout:
#   source scripts/completion/relgraph.bash

_relgraph_options() {
  local output="--json --jsonl --tsv"
  case "$1" in
    build) echo "-o --output -f --format -r --rules --no-default-rules --no-rules-cache -i --input-format --field --include --exclude -j --jobs --partial --update --explain -q --quiet -v --verbose -h --help" ;;
    rules) echo "--no-default-rules -q --quiet -h --help" ;;
    stats) echo "--top -h --help $output" ;;
    neighbors) echo "-r --relation --direction --depth --evidence -h --help $output" ;;
    edges) echo "-r --relation --from --to --type --min-weight --evidence -h --help $output" ;;
    path) echo "-r --relation --max-paths -h --help $output" ;;
    rank) echo "--by --type --top -h --help $output" ;;
    subgraph) echo "--around --depth -r --relation -o --output -f --format -q --quiet -h --help" ;;
    convert) echo "-f --format -q --quiet -h --help" ;;
    merge) echo "-o --output -f --format -q --quiet -h --help" ;;
    report) echo "-o --output -f --format --title --top -r --relation --max-evidence --max-edges --max-nodes -q --quiet -h --help" ;;
  esac
}

_relgraph() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null 2>&1; then
    _init_completion || return
  else
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD - 1]}"
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi
  local commands="build rules stats neighbors edges path rank subgraph convert merge report"

  if ((cword == 1)); then
    mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
    return
  fi
  local command="${words[1]}"
  if [[ $command == rules ]] && ((cword == 2)); then
    mapfile -t COMPREPLY < <(compgen -W "check" -- "$cur")
    return
  fi

  case "$prev" in
    -f | --format)
      if [[ $command == report ]]; then
        mapfile -t COMPREPLY < <(compgen -W "html md" -- "$cur")
      else
        mapfile -t COMPREPLY < <(compgen -W "json graphml gexf cytoscape dot neo4j" -- "$cur")
      fi
      return
      ;;
    -i | --input-format)
      mapfile -t COMPREPLY < <(compgen -W "auto text jsonl html" -- "$cur")
      return
      ;;
    --field)
      mapfile -t COMPREPLY < <(compgen -W "text= date= id= title= url=" -- "$cur")
      compopt -o nospace 2>/dev/null
      return
      ;;
    --include | --exclude)
      COMPREPLY=()
      return
      ;;
    --by)
      mapfile -t COMPREPLY < <(compgen -W "degree pagerank betweenness" -- "$cur")
      return
      ;;
    --direction)
      mapfile -t COMPREPLY < <(compgen -W "out in both" -- "$cur")
      return
      ;;
    -r | --relation)
      # build's -r is --rules (files and folders, below); elsewhere a relation name.
      if [[ $command != build ]]; then
        COMPREPLY=()
        return
      fi
      ;;
    -j | --jobs | --top | --depth | --max-paths | --min-weight | --max-evidence | --max-edges | \
      --max-nodes | --title | --type | --around | --from | --to)
      COMPREPLY=()
      return
      ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_relgraph_options "$command")" -- "$cur")
    return
  fi
  # Anything else is a file or folder (inputs, graphs, rule paths, outputs).
  if declare -F _filedir >/dev/null 2>&1; then
    _filedir
  else
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}

complete -F _relgraph relgraph
