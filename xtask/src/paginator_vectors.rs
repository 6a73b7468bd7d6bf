pub fn run(_root: &std::path::Path) -> anyhow::Result<()> { anyhow::bail!("paginator-vectors: not wired yet") }
