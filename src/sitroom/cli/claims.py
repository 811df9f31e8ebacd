"""``sitroom claims``: numeric claims, or their cross-source groups and contradictions."""

from __future__ import annotations

import click

from sitroom.cli import cli, db_option, emit_json, json_option, run_guarded, settings_from


@cli.command()
@click.option("--about", default=None, help="What is counted (substring): 'North Korean troops'.")
@click.option("--groups", is_flag=True, help="Group claims about the same thing across sources.")
@click.option(
    "--contradictions", is_flag=True, help="Only groups whose sources disagree (implies --groups)."
)
@click.option(
    "--limit", default=50, show_default=True, help="Most claims to list (without --groups)."
)
@json_option
@db_option
def claims(about, groups, contradictions, limit, as_json, db) -> None:  # type: ignore[no-untyped-def]
    """List numeric claims, or claim groups with their spread and contradictions.

    \b
    Example:
      sitroom claims --about "troops" --groups --db war.db
      sitroom claims --contradictions --json --db war.db
    """
    from sitroom.reconcile import list_claim_groups, reconcile_store
    from sitroom.store import open_store

    store = run_guarded(lambda: open_store(settings_from(db).db_path, readonly=True))
    with store:
        if groups or contradictions:
            run_guarded(lambda: reconcile_store(store, if_stale=True))
            found = list_claim_groups(store, about=about, contradictions_only=contradictions)
        else:
            found = run_guarded(lambda: store.list_claims(about=about, limit=limit))
    if as_json:
        emit_json(found)
        return
    if not (groups or contradictions):
        for c in found:
            click.echo(f"{c.text:<24} {c.what or '-':<40} {c.claimant or '-'}")
        click.echo(f"{len(found)} claim(s)", err=True)
        return
    for g in found:
        flag = "  CONTRADICTION" if g.contradiction else ""
        click.echo(f"{g.topic}  [{len(g.values)} values, {g.low:g}..{g.high:g}]{flag}")
        for v in g.values:
            click.echo(
                f"    {v.text:<24} {v.claimant or '-':<32} {v.outlet or '-'} {v.published or ''}"
            )
    click.echo(f"{len(found)} group(s)", err=True)
