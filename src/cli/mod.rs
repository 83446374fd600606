//! 명령줄 (cli): the arguments of every subcommand ([`args`]), their Korean help ([`help`]) and
//! refusal ([`usage`]), and everything gongsi prints — one module per command turning its
//! report into lines and an exit code, the findings ([`findings`]) and a build's warnings
//! summed up by rule ([`digest`]), the change list of `diff` ([`changes`]), and what they
//! share ([`print`]).

pub mod args;
pub mod batch;
pub mod build;
pub mod changes;
pub mod check;
pub mod diff;
pub mod digest;
pub mod export;
pub mod findings;
pub mod help;
pub mod init;
pub mod new;
pub mod print;
pub mod publish;
pub mod studio;
pub mod usage;
pub mod watch;
