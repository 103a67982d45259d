//! Creating a small repository from scratch, for the product's demo.

use std::collections::BTreeMap;
use std::path::Path;

use gix::objs::tree::EntryKind;
use gix::refs::transaction::{Change, LogChange, PreviousValue, RefEdit, RefLog};
use gix::refs::{FullName, Target};

use crate::{GitError, NewCommit};

/// Creates a normal (non-bare) repository at `path` holding `commits`, in
/// order, as a straight line of history on `branch`, with `HEAD` pointing at
/// that branch.
///
/// Each commit's tree is the previous commit's tree with the commit's files
/// added or replaced. The author and the committer are the commit's author,
/// at the commit's date. The last commit is also checked out: its files are
/// written to the work tree and to the index, so `git status` is clean.
///
/// `path` must not exist yet or be an empty folder. With no commits, the
/// repository is created with `HEAD` on the unborn `branch`.
pub fn write_repository(path: &Path, branch: &str, commits: &[NewCommit]) -> Result<(), GitError> {
    let write_error = |message: String| GitError::Write {
        path: path.to_owned(),
        message,
    };
    let gix_error = |err: gix::Error| write_error(err.to_string());

    let branch_ref = FullName::try_from(format!("refs/heads/{branch}")).map_err(|err| {
        GitError::InvalidBranch {
            name: branch.to_owned(),
            message: err.to_string(),
        }
    })?;
    for commit in commits {
        for (file, _) in &commit.files {
            check_file_path(path, file)?;
        }
    }
    match std::fs::read_dir(path) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(write_error("the folder is not empty".into()));
            }
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(write_error(err.to_string())),
    }

    let repo = gix::init(path).map_err(gix_error)?;

    let mut editor = repo.empty_tree().edit().map_err(gix_error)?;
    let mut tree = repo.empty_tree().id;
    let mut worktree: BTreeMap<String, String> = BTreeMap::new();
    let mut parent = None;
    let mut last_signature = None;
    for commit in commits {
        for (file, content) in &commit.files {
            let blob = repo.write_blob(content.as_bytes()).map_err(gix_error)?;
            editor
                .upsert(file.as_str(), EntryKind::Blob, blob)
                .map_err(gix_error)?;
            set_file(&mut worktree, file, content);
        }
        tree = editor.write().map_err(gix_error)?.detach();

        let signature = gix::actor::Signature {
            name: commit.author_name.as_str().into(),
            email: commit.author_email.as_str().into(),
            time: gix::date::Time {
                seconds: commit.time,
                offset: commit.offset_seconds,
            },
        };
        let mut message = commit.message.trim_end().to_owned();
        message.push('\n');
        let object = gix::objs::Commit {
            tree,
            parents: parent.into_iter().collect(),
            author: signature.clone(),
            committer: signature.clone(),
            encoding: None,
            message: message.into(),
            extra_headers: Vec::new(),
        };
        parent = Some(repo.write_object(&object).map_err(gix_error)?.detach());
        last_signature = Some(signature);
    }

    let head = FullName::try_from("HEAD").map_err(|err| write_error(err.to_string()))?;
    let mut edits = vec![RefEdit {
        change: Change::Update {
            log: LogChange {
                mode: RefLog::AndReference,
                force_create_reflog: false,
                message: "".into(),
            },
            expected: PreviousValue::Any,
            new: Target::Symbolic(branch_ref.clone()),
        },
        name: head,
        deref: false,
    }];
    if let (Some(tip), Some(signature)) = (parent, last_signature.as_ref()) {
        edits.push(RefEdit {
            change: Change::Update {
                log: LogChange {
                    mode: RefLog::AndReference,
                    force_create_reflog: false,
                    message: "demo history".into(),
                },
                expected: PreviousValue::Any,
                new: Target::Object(tip),
            },
            name: branch_ref,
            deref: false,
        });
        let mut time = gix::date::parse::TimeBuf::default();
        repo.edit_references_as(edits, Some(signature.to_ref(&mut time)))
            .map_err(gix_error)?;

        // Check out the last commit.
        let root = repo
            .workdir()
            .ok_or_else(|| write_error("the new repository has no work tree".into()))?
            .to_owned();
        for (file, content) in &worktree {
            let target = root.join(file);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|err| write_error(format!("{file}: {err}")))?;
            }
            std::fs::write(&target, content)
                .map_err(|err| write_error(format!("{file}: {err}")))?;
        }
        let mut index = repo.index_from_tree(&tree).map_err(gix_error)?;
        index.write(Default::default()).map_err(gix_error)?;
    } else {
        repo.edit_references_as(edits, None).map_err(gix_error)?;
    }
    Ok(())
}

/// Accepts plain relative paths with `/` separators only, so nothing can be
/// written outside the work tree or into the repository's own folder.
fn check_file_path(path: &Path, file: &str) -> Result<(), GitError> {
    let invalid = |message: &str| GitError::InvalidFilePath {
        path: path.to_owned(),
        file: file.to_owned(),
        message: message.to_owned(),
    };
    if file.is_empty() {
        return Err(invalid("the path is empty"));
    }
    if file.contains(['\\', '\0']) {
        return Err(invalid(
            "use `/` to separate folders; backslashes and NUL are not allowed",
        ));
    }
    for component in file.split('/') {
        match component {
            "" => {
                return Err(invalid(
                    "the path must be relative, without empty components",
                ));
            }
            "." | ".." => return Err(invalid("`.` and `..` are not allowed")),
            c if c.eq_ignore_ascii_case(".git") => return Err(invalid("`.git` is reserved")),
            _ => {}
        }
    }
    Ok(())
}

/// Mirrors a tree edit in the final work tree: a file replaces a folder of
/// the same name and the other way round.
fn set_file(worktree: &mut BTreeMap<String, String>, file: &str, content: &str) {
    let mut prefix = String::new();
    for component in file.split('/') {
        if !prefix.is_empty() {
            worktree.remove(&prefix);
            prefix.push('/');
        }
        prefix.push_str(component);
    }
    let folder = format!("{file}/");
    worktree.retain(|existing, _| !existing.starts_with(&folder));
    worktree.insert(file.to_owned(), content.to_owned());
}
