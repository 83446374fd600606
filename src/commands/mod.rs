//! 명령 (commands): one module per subcommand, each a Config → `run` → Report; nothing here
//! prints (that is [`crate::cli`]).

pub mod batch;
pub mod build;
pub mod check;
pub mod diff;
pub mod export;
pub mod init;
pub mod new;
pub mod publish;
pub mod schema;
pub mod studio;
pub mod watch;
