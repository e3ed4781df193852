//! Test support: a fresh database per test, on SQLite by default or on PostgreSQL when
//! `PALM_TEST_DATABASE_URL` names a PostgreSQL template database already migrated and seeded with the demo
//! county (`scripts/test.sh` makes it once; each test gets its own copy with `CREATE DATABASE … TEMPLATE`, which
//! takes a fraction of a second where seeding takes most of one).

use crate::store::Db;
use sqlx::Connection;

/// The variable that points the Rust integration tests at a PostgreSQL template database.
pub const TEMPLATE_VAR: &str = "PALM_TEST_DATABASE_URL";

/// A migrated database holding the demo county, for one test: a new SQLite file in `dir`, or a new PostgreSQL
/// database copied from the template named by [`TEMPLATE_VAR`].
pub async fn fresh_database(dir: &std::path::Path) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let url = match std::env::var(TEMPLATE_VAR) {
        Ok(template) if template.starts_with("postgres") => copy_of_template(&template).await?,
        _ => format!("sqlite://{}/test.db?mode=rwc", dir.display()),
    };
    let db = crate::store::connect(&url).await?;
    super::demo::seed_if_older(&db, &crate::demo::generate()).await?;
    Ok(db)
}

/// Creates `t_<random>` from the template database of `template_url` on the same server; returns its URL.
async fn copy_of_template(template_url: &str) -> Result<String, sqlx::Error> {
    let (server, rest) = template_url.rsplit_once('/').ok_or_else(|| bad_url(template_url))?;
    let (template, query) = rest.split_once('?').map(|(d, q)| (d, format!("?{q}"))).unwrap_or((rest, String::new()));
    if template.is_empty() || !template.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(bad_url(template_url));
    }
    let name = format!("t_{}", crate::store::new_id());
    let mut admin = sqlx::AnyConnection::connect(&format!("{server}/postgres{query}")).await?;
    sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}")).execute(&mut admin).await?;
    admin.close().await?;
    Ok(format!("{server}/{name}{query}"))
}

fn bad_url(url: &str) -> sqlx::Error {
    sqlx::Error::Configuration(format!("{TEMPLATE_VAR}={url}: expected postgres://…/<template database>").into())
}
