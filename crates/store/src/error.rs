//! [`StoreError`]: why a storage call failed.

/// Why a storage call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint was violated (e.g. an email already in use), or
    /// a state change was refused (a link already used). Carries what.
    #[error("already exists: {0}")]
    Conflict(String),
    #[error("not found")]
    NotFound,
    /// Stored data that does not parse (a bug or manual tampering).
    #[error("corrupt record: {0}")]
    Corrupt(String),
    /// The database failed (also: the pool is closed). The message includes
    /// the driver's, which is also the [`std::error::Error::source`].
    #[error("database: {0}")]
    Database(#[source] sqlx::Error),
    /// The store could not be opened: `context` says what was being done
    /// (with any password in the URL redacted), `source` why it failed.
    #[error("{context}: {source}")]
    Open {
        context: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A database URL that is neither `sqlite:` nor `postgres://` (redacted).
    #[error(
        "unsupported database URL {0:?}: expected sqlite:PATH, sqlite::memory: or postgres://…"
    )]
    UnsupportedUrl(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Unique violations become [`StoreError::Conflict`] (`"row"`; the store
/// says what where it can), foreign-key violations (a missing parent row) and
/// `RowNotFound` [`StoreError::NotFound`], a value that does not decode
/// [`StoreError::Corrupt`], anything else [`StoreError::Database`].
impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        db_err(e, "row")
    }
}

/// As `From<sqlx::Error>`, with `what` for a unique violation.
pub(crate) fn db_err(e: sqlx::Error, what: &str) -> StoreError {
    use sqlx::error::ErrorKind;
    match &e {
        sqlx::Error::Database(d) => match d.kind() {
            ErrorKind::UniqueViolation => StoreError::Conflict(what.to_string()),
            ErrorKind::ForeignKeyViolation => StoreError::NotFound,
            _ => StoreError::Database(e),
        },
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::ColumnDecode { index, source } => {
            StoreError::Corrupt(format!("column {index}: {source}"))
        }
        _ => StoreError::Database(e),
    }
}

/// For `map_err`: a [`StoreError::Open`] saying what was being done.
pub(crate) fn open_err<E>(context: impl Into<String>) -> impl FnOnce(E) -> StoreError
where
    E: std::error::Error + Send + Sync + 'static,
{
    let context = context.into();
    move |e| StoreError::Open {
        context,
        source: Box::new(e),
    }
}
